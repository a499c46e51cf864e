package io.dialtone.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses written as nats-server writes them into INFO ({@code connect_urls}, a route's {@code ip}): Go's
 * {@code net.IP.String()} (IPv6 in the shortest RFC 5952 form, without a zone) and {@code net.JoinHostPort}; and read
 * as nats-server reads them ({@code net.SplitHostPort}).
 */
public final class HostPort {

    private HostPort() {
    }

    /** A host and a port as written (the port is not checked to be a number). */
    public record Parts(String host, String port) {
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    public static String join(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code join(text(address), port)}. */
    public static String join(InetAddress address, int port) {
        return join(text(address), port);
    }

    /** The address as Go prints it: dotted IPv4, or IPv6 with the longest run of two or more zero groups as "::". */
    public static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    /**
     * {@code host:port} split as Go's {@code net.SplitHostPort} splits it (nats-server's listen addresses, the
     * {@code --cluster} URL's host, cluster {@code advertise}): the port follows the last colon, an IPv6 host is in
     * brackets, which are removed. Errors carry Go's wording ({@code address x: missing port in address}).
     *
     * @throws IllegalArgumentException when it cannot be split
     */
    public static Parts split(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(hostPort, "missing port in address");
        }
        String host;
        int noOpen = 0;
        int noClose = 0;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0) {
                throw invalid(hostPort, "missing ']' in address");
            }
            if (end + 1 == hostPort.length()) {
                throw invalid(hostPort, "missing port in address");
            }
            if (end + 1 != colon) {
                throw invalid(hostPort, hostPort.charAt(end + 1) == ':' ? "too many colons in address"
                        : "missing port in address");
            }
            host = hostPort.substring(1, end);
            noOpen = 1;
            noClose = end + 1;
        } else {
            host = hostPort.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw invalid(hostPort, "too many colons in address");
            }
        }
        if (hostPort.indexOf('[', noOpen) >= 0) {
            throw invalid(hostPort, "unexpected '[' in address");
        }
        if (hostPort.indexOf(']', noClose) >= 0) {
            throw invalid(hostPort, "unexpected ']' in address");
        }
        return new Parts(host, hostPort.substring(colon + 1));
    }

    private static IllegalArgumentException invalid(String address, String why) {
        return new IllegalArgumentException("address " + address + ": " + why);
    }
}
