package io.dialtone.config.internal;

/**
 * {@code host:port} split as Go's {@code net.SplitHostPort} splits it (nats-server's listen addresses, the
 * {@code --cluster} URL's host, cluster {@code advertise}): the port follows the last colon, an IPv6 host is in
 * brackets, which are removed. Errors carry Go's wording ({@code address x: missing port in address}).
 */
record HostPort(String host, String port) {

    static HostPort split(String hostPort) {
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
        return new HostPort(host, hostPort.substring(colon + 1));
    }

    private static IllegalArgumentException invalid(String address, String why) {
        return new IllegalArgumentException("address " + address + ": " + why);
    }
}
