package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Addresses as Go's net package prints them (the expectations are Go 1.19's output). */
class HostPortTest {

    private static String text(String literal) throws Exception {
        return HostPort.text(InetAddress.getByName(literal));
    }

    @Test
    void ipv6IsShortestWithoutZone() throws Exception {
        assertEquals("fd00::2", text("fd00:0:0:0:0:0:0:2"));
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertEquals("::", text("::"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("fe80::fc:ff:fe00:1", text("fe80:0:0:0:fc:ff:fe00:1%1"));
        assertEquals("1::", text("1:0:0:0:0:0:0:0"));
    }

    @Test
    void joinBracketsIpv6() throws Exception {
        assertEquals("192.0.2.2:4222", HostPort.join(InetAddress.getByName("192.0.2.2"), 4222));
        assertEquals("[fd00::2]:4222", HostPort.join(InetAddress.getByName("fd00::2"), 4222));
        assertEquals("127.0.0.1:6222", HostPort.join("127.0.0.1", 6222));
    }
}
