package io.dialtone.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses written as nats-server writes them into INFO ({@code connect_urls}, a route's {@code ip}): Go's
 * {@code net.IP.String()} (IPv6 in the shortest RFC 5952 form, without a zone) and {@code net.JoinHostPort}.
 */
public final class HostPort {

    private HostPort() {
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
}
