package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster's client URLs as nats-server counts them (refcounted, own first, none before the first change). */
class ConnectUrlsTest {

    @Test
    void noneUntilARouteBringsSomeThenOwnFirst() {
        ConnectUrls u = new ConnectUrls();
        u.own(List.of("127.0.0.1:4222"));
        assertNull(u.view("C1", 0).connectUrls(), "nats-server's INFO has no connect_urls before a route brings some");
        assertFalse(u.add(List.of()));
        assertTrue(u.add(List.of("127.0.0.1:4223")));
        assertArrayEquals(new String[] {"127.0.0.1:4222", "127.0.0.1:4223"}, u.view("C1", 1).connectUrls());
        assertArrayEquals(new String[] {"127.0.0.1:4223"}, u.view("C1", 1).others());
    }

    @Test
    void aUrlTwoRoutesBroughtStaysUntilBothWent() {
        ConnectUrls u = new ConnectUrls();
        u.own(List.of("a:1"));
        assertTrue(u.add(List.of("b:2")));
        assertFalse(u.add(List.of("b:2")), "counted, not new");
        assertFalse(u.remove(List.of("b:2")));
        assertArrayEquals(new String[] {"a:1", "b:2"}, u.view(null, 2).connectUrls());
        assertTrue(u.remove(List.of("b:2")));
        assertArrayEquals(new String[] {"a:1"}, u.view(null, 3).connectUrls(), "own stays once changed");
        assertFalse(u.remove(List.of("b:2")), "nothing left to remove");
    }
}
