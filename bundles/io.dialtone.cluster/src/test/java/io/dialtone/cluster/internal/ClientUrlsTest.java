package io.dialtone.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** This server's client URLs as nats-server lists them (ClusterGossipTest compares a 0.0.0.0 listener with it). */
class ClientUrlsTest {

    @Test
    void aListenerOnOneAddressIsThatAddress() {
        assertEquals(List.of("127.0.0.1:4222"), ClientUrls.of("127.0.0.1", 4222));
        assertEquals(List.of("[::1]:4222"), ClientUrls.of("0:0:0:0:0:0:0:1", 4222));
    }

    @Test
    void aListenerOnEveryAddressListsTheMachinesGlobalOnes() {
        for (String any : List.of("0.0.0.0", "::")) {
            for (String url : ClientUrls.of(any, 4222)) {
                assertTrue(url.endsWith(":4222") && !url.startsWith("127.") && !url.startsWith("[::1]")
                        && !url.startsWith("[fe80:"), url);
            }
        }
    }
}
