package io.dialtone.transport.netty.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

/** Which configured hosts take over the socket the launcher bound (a mismatch binds again and fails). */
class ClientListenerMatchTest {

    private static ServerSocketChannel bind(String host) throws Exception {
        ServerSocketChannel c = ServerSocketChannel.open();
        c.bind(new InetSocketAddress(host, 0));
        return c;
    }

    @Test
    void aHostNameMatchesTheAddressItResolvesTo() throws Exception {
        try (ServerSocketChannel c = bind("localhost")) {
            int port = ((InetSocketAddress) c.getLocalAddress()).getPort();
            assertTrue(ClientListener.matches(c, "localhost", port));
            assertTrue(ClientListener.matches(c, "localhost", 0));
            assertFalse(ClientListener.matches(c, "localhost", port + 1 == 65536 ? 1 : port + 1));
            assertFalse(ClientListener.matches(c, "0.0.0.0", port));
            assertFalse(ClientListener.matches(c, "no-such-host.invalid", port));
        }
        try (ServerSocketChannel c = bind("127.0.0.1")) {
            assertTrue(ClientListener.matches(c, "127.0.0.1", 0));
            assertTrue(ClientListener.matches(c, "localhost", 0), "localhost resolves to 127.0.0.1 among others");
            assertFalse(ClientListener.matches(c, "::1", 0));
        }
    }

    @Test
    void ipv6LiteralsWithAndWithoutBrackets() throws Exception {
        try (ServerSocketChannel c = bind("::1")) {
            assertTrue(ClientListener.matches(c, "::1", 0));
            assertTrue(ClientListener.matches(c, "[::1]", 0));
            assertTrue(ClientListener.matches(c, "0:0:0:0:0:0:0:1", 0));
            assertFalse(ClientListener.matches(c, "127.0.0.1", 0));
        }
    }

    @Test
    void eitherWildcardMatchesTheWildcardSocket() throws Exception {
        for (String bound : new String[] {"0.0.0.0", "::"}) {
            try (ServerSocketChannel c = bind(bound)) {
                for (String host : new String[] {"0.0.0.0", "::", "[::]"}) {
                    assertTrue(ClientListener.matches(c, host, 0), bound + " / " + host);
                }
                assertFalse(ClientListener.matches(c, "127.0.0.1", 0));
                assertFalse(ClientListener.matches(c, "localhost", 0));
            }
        }
    }
}
