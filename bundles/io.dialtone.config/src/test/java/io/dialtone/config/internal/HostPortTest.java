package io.dialtone.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Cases from Go's net.SplitHostPort tests. */
class HostPortTest {

    @Test
    void splitsAsGoDoes() {
        assertEquals(new HostPort("localhost", "http"), HostPort.split("localhost:http"));
        assertEquals(new HostPort("", "6222"), HostPort.split(":6222"));
        assertEquals(new HostPort("::1", "-1"), HostPort.split("[::1]:-1"));
        assertEquals(new HostPort("fe80::1%lo0", "80"), HostPort.split("[fe80::1%lo0]:80"));
        assertEquals(new HostPort("127.0.0.1", ""), HostPort.split("127.0.0.1:"));
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
