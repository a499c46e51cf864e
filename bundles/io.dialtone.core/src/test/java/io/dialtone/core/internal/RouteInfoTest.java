package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A route INFO read and forwarded as nats-server 2.9.10 forwards a new route's INFO (bytes seen on the wire). */
class RouteInfoTest {

    private static String forwarded(String json, String ip) throws Exception {
        return new String(RouteInfo.parse(json).forwarded(ip), StandardCharsets.UTF_8);
    }

    @Test
    void anInfoWithoutIpGetsTheAddressItCameFrom() throws Exception {
        // what a peer sent (in its own field order), then what nats-server 2.9.10 passed on to its other route
        String sent = "{\"server_id\":\"NY\",\"server_name\":\"Y\",\"version\":\"2.9.10\",\"proto\":1,\"go\":\"go1.19.8\","
                + "\"host\":\"127.0.0.1\",\"port\":39002,\"headers\":true,\"max_payload\":1048576,\"cluster\":\"C1\","
                + "\"connect_urls\":[\"10.9.9.2:4222\"],\"unknown\":{\"a\":[1]}}";
        assertEquals("INFO {\"server_id\":\"NY\",\"server_name\":\"Y\",\"version\":\"2.9.10\",\"proto\":1,"
                + "\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":39002,\"headers\":true,\"max_payload\":1048576,"
                + "\"ip\":\"nats-route://127.0.0.1:39002/\",\"cluster\":\"C1\",\"connect_urls\":[\"10.9.9.2:4222\"]}\r\n",
                forwarded(sent, "nats-route://127.0.0.1:39002/"));
    }

    @Test
    void anAdvertisedIpStaysAndNatsServersOwnFieldsKeepTheirPlace() throws Exception {
        String sent = "{\"server_id\":\"NB\",\"server_name\":\"B\",\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\","
                + "\"host\":\"127.0.0.1\",\"port\":26223,\"headers\":true,\"max_payload\":1048576,"
                + "\"ip\":\"nats-route://127.0.0.1:26223/\",\"cluster\":\"C1\","
                + "\"connect_urls\":[\"192.0.2.2:24223\",\"[fd00::2]:24223\"],\"lnoc\":true} ";
        assertEquals("INFO " + sent.trim() + "\r\n", forwarded(sent, "nats-route://10.0.0.9:26223/"));
    }

    @Test
    void fieldsWithoutOmitemptyAreAlwaysWritten() throws Exception {
        assertEquals("INFO {\"server_id\":\"N\",\"server_name\":\"\",\"version\":\"\",\"proto\":0,\"go\":\"\",\"host\":\"\","
                + "\"port\":0,\"headers\":false,\"auth_required\":true,\"max_payload\":0,\"ip\":\"nats-route://h:1/\","
                + "\"import\":{\"allow\":[\"a\"]}}\r\n",
                forwarded("{\"import\":{\"allow\":[\"a\"]},\"auth_required\":true,\"server_id\":\"N\"}",
                        "nats-route://h:1/"));
    }

    @Test
    void readsScalarsFlagsAndLists() throws Exception {
        RouteInfo i = RouteInfo.parse("{\"server_id\":\"N\",\"port\":6222,\"ldm\":true,\"connect_urls\":[\"a:1\",\"b:2\"],"
                + "\"gateway_urls\":[1,\"x\"],\"nothing\":null}");
        assertEquals("N", i.serverId());
        assertEquals(6222, i.number("port"));
        assertEquals("6222", i.string("port"));
        assertTrue(i.flag("ldm"));
        assertFalse(i.flag("auth_required"));
        assertEquals(List.of("a:1", "b:2"), i.strings("connect_urls"));
        assertEquals(List.of(), i.strings("gateway_urls"), "not a list of strings");
        assertEquals(null, i.string("nothing"));
    }
}
