package io.dialtone.cluster.internal;

import io.dialtone.protocol.HostPort;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * This server's client URLs as nats-server computes them for {@code connect_urls}: the client listener's
 * {@code host:port}, or, when it listens on every address (0.0.0.0 or ::), one URL per global unicast address of
 * the machine's interfaces (interfaces in index order, IPv4 before IPv6 within one), loopback and link-local left out.
 */
final class ClientUrls {

    private ClientUrls() {
    }

    static List<String> of(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return List.of(HostPort.join(host, port));
        }
        if (!address.isAnyLocalAddress()) {
            return List.of(HostPort.join(HostPort.text(address), port));
        }
        List<String> urls = new ArrayList<>();
        for (InetAddress a : globalUnicast()) {
            urls.add(HostPort.join(a, port));
        }
        return urls;
    }

    /** nats-server's getNonLocalIPsIfHostIsIPAny: Go's IsGlobalUnicast over every interface's addresses. */
    private static List<InetAddress> globalUnicast() {
        List<NetworkInterface> interfaces;
        try {
            interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException | RuntimeException e) {
            return List.of();
        }
        interfaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface i : interfaces) {
            List<InetAddress> addresses = Collections.list(i.getInetAddresses());
            addresses.sort(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isMulticastAddress()
                        && !a.isAnyLocalAddress() && !isBroadcast(a)) {
                    found.add(a);
                }
            }
        }
        return found;
    }

    private static boolean isBroadcast(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff;
    }
}
