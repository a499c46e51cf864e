package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void splitsAsGoDoes() {
        assertEquals(new HostPort.Parts("localhost", "http"), HostPort.split("localhost:http"));
        assertEquals(new HostPort.Parts("", "6222"), HostPort.split(":6222"));
        assertEquals(new HostPort.Parts("::1", "-1"), HostPort.split("[::1]:-1"));
        assertEquals(new HostPort.Parts("fe80::1%lo0", "80"), HostPort.split("[fe80::1%lo0]:80"));
        assertEquals(new HostPort.Parts("127.0.0.1", ""), HostPort.split("127.0.0.1:"));
    }

    @Test
    void refusesWithGosWords() {
        assertEquals("address golang.org: missing port in address", message("golang.org"));
        assertEquals("address ::1:80: too many colons in address", message("::1:80"));
        assertEquals("address [::1]: missing port in address", message("[::1]"));
        assertEquals("address [::1]::80: too many colons in address", message("[::1]::80"));
        assertEquals("address [::1:80: missing ']' in address", message("[::1:80"));
        assertEquals("address [foo:bar]baz:80: missing port in address", message("[foo:bar]baz:80"));
        assertEquals("address foo[bar]:80: unexpected '[' in address", message("foo[bar]:80"));
        assertEquals("address foo]bar:80: unexpected ']' in address", message("foo]bar:80"));
    }

    private static String message(String hostPort) {
        return assertThrows(IllegalArgumentException.class, () -> HostPort.split(hostPort)).getMessage();
    }
}
