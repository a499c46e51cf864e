package io.dialtone.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dialtone.api.runtime.AuthenticatorDTO;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ClusterDTO;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.SubscriptionDTO;
import io.dialtone.api.runtime.SubscriptionIndexDTO;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field names and JSON types of each writer, as nats-server 2.9.10 answers (observed with -m). */
class WritersTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void varzHasNatsServersFieldsAndTypes() throws IOException {
        ServerDTO s = server();
        BrokerStatsDTO st = new BrokerStatsDTO();
        st.connections = 2;
        st.totalConnections = 3;
        ListenerDTO l = new ListenerDTO();
        l.host = "127.0.0.1";
        l.port = 4222;
        VarzWriter.Varz v = new VarzWriter.Varz(s, st, l, null, new HttpSettings(8222, "127.0.0.1"), "java17", 1234,
                0.5, Map.of("/varz", 1L), NOW);
        Map<String, String> f = fields(Json.indented(g -> VarzWriter.write(g, v)));
        assertEquals("string", f.get("server_id"));
        assertEquals("number", f.get("ping_interval"));
        assertEquals("number", f.get("write_deadline"));
        for (String obj : List.of("cluster", "gateway", "leaf", "mqtt", "websocket", "jetstream", "http_req_stats")) {
            assertEquals("object", f.get(obj), obj);
        }
        for (String str : List.of("server_name", "version", "go", "host", "http_host", "http_base_path", "start", "now",
                "uptime", "config_load_time")) {
            assertEquals("string", f.get(str), str);
        }
        for (String num : List.of("proto", "port", "max_connections", "ping_max", "http_port", "https_port",
                "auth_timeout", "max_control_line", "max_payload", "max_pending", "tls_timeout", "mem", "cores",
                "gomaxprocs", "cpu", "connections", "total_connections", "routes", "remotes", "leafnodes", "in_msgs",
                "out_msgs", "in_bytes", "out_bytes", "slow_consumers", "subscriptions")) {
            assertEquals("number", f.get(num), num);
        }
        assertFalse(f.containsKey("max_subscriptions"), "omitted while unlimited, as nats-server does");
        String json = Json.indented(g -> VarzWriter.write(g, v));
        assertTrue(json.contains("\"ping_interval\": 120000000000"), json);
        assertTrue(json.contains("\"write_deadline\": 10000000000"), json);
        assertTrue(json.contains("\"cluster\": {}"), "Go's empty object, not Jackson's { }: " + json);
        assertTrue(json.contains("\"now\": \"2026-01-02T03:04:05.123456789Z\""), json);
    }

    @Test
    void aRegisteredFeatureFillsItsVarzBlockAndJsz() throws IOException {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("jetstream", Map.of("config", Map.of("max_memory", 1024L, "store_dir", "/tmp/js")));
        features.put("sketch", Map.of("on", true));
        VarzWriter.Varz v = new VarzWriter.Varz(server(), new BrokerStatsDTO(), null, null,
                new HttpSettings(8222, "127.0.0.1"), "java17", 1, 0, Map.of(), NOW, features);
        Map<String, String> f = fields(Json.indented(g -> VarzWriter.write(g, v)));
        assertEquals("number", f.get("jetstream.config.max_memory"));
        assertEquals("string", f.get("jetstream.config.store_dir"));
        assertEquals("boolean", f.get("sketch.on"));
        assertEquals("object", f.get("gateway"), "the others stay empty objects");
        Map<String, String> jsz = fields(Json.indented(g -> FeatureWriters.jsz(g, "ID", NOW,
                Map.of("streams", 3L, "config", Map.of("max_storage", 5L)))));
        assertEquals("number", jsz.get("streams"));
        assertEquals("number", jsz.get("config.max_storage"));
        assertFalse(jsz.containsKey("disabled"), "JetStream is on");
    }

    @Test
    void varzInAClusterHasItsObjectAndConnectUrls() throws IOException {
        ListenerDTO l = new ListenerDTO();
        l.host = "127.0.0.1";
        l.port = 4222;
        ClusterDTO c = new ClusterDTO();
        c.name = "C1";
        c.host = "127.0.0.1";
        c.port = 6222;
        c.authTimeoutSeconds = 0.5;
        c.tlsTimeoutSeconds = 2;
        c.routeUrls = new String[] {"127.0.0.1:6223"};
        c.connectUrls = new String[] {"127.0.0.1:4222", "127.0.0.1:4223"};
        VarzWriter.Varz v = new VarzWriter.Varz(server(), new BrokerStatsDTO(), l, c,
                new HttpSettings(8222, "127.0.0.1"), "java17", 1234, 0.5, Map.of(), NOW);
        String json = Json.compact(g -> VarzWriter.write(g, v));
        assertTrue(json.contains("\"port\":4222,\"connect_urls\":[\"127.0.0.1:4222\",\"127.0.0.1:4223\"],"
                + "\"max_connections\""), json);
        assertTrue(json.contains("\"cluster\":{\"name\":\"C1\",\"addr\":\"127.0.0.1\",\"cluster_port\":6222,"
                + "\"auth_timeout\":0.5,\"urls\":[\"127.0.0.1:6223\"],\"tls_timeout\":2}"), json);
        c.routeUrls = new String[0];
        c.connectUrls = new String[0];
        String alone = Json.compact(g -> VarzWriter.write(g, v));
        assertFalse(alone.contains("connect_urls") || alone.contains("urls"), "omitempty: " + alone);
    }

    @Test
    void connzListsConnectionsWithSubscriptions() throws IOException, BadRequest {
        ConnzQuery q = ConnzQuery.parse(params(Map.of("subs", "1")));
        ConnzWriter.Connz z = new ConnzWriter.Connz("ID", NOW, q, List.of(conn(2, 0), conn(1, 0)), List.of(), Map.of());
        String json = Json.indented(g -> ConnzWriter.write(g, z));
        Map<String, String> f = fields(json);
        for (String num : List.of("num_connections", "total", "offset", "limit", "connections[].cid",
                "connections[].port", "connections[].pending_bytes", "connections[].in_msgs", "connections[].out_msgs",
                "connections[].in_bytes", "connections[].out_bytes", "connections[].subscriptions")) {
            assertEquals("number", f.get(num), num);
        }
        for (String str : List.of("server_id", "now", "connections[].kind", "connections[].type", "connections[].ip",
                "connections[].start", "connections[].last_activity", "connections[].rtt", "connections[].uptime",
                "connections[].idle", "connections[].name", "connections[].lang", "connections[].version",
                "connections[].subscriptions_list[]")) {
            assertEquals("string", f.get(str), str);
        }
        assertFalse(f.containsKey("connections[].stop"));
        assertFalse(f.containsKey("connections[].reason"));
        assertTrue(json.indexOf("\"cid\": 1") < json.indexOf("\"cid\": 2"), "sorted by cid: " + json);
        assertTrue(json.contains("\"foo\"") && !json.contains("\"bar q\""), "subjects only: " + json);
        assertTrue(json.contains("\"limit\": 1024"), json);
    }

    @Test
    void closedConnectionsHaveStopAndReasonAndDetail() throws IOException, BadRequest {
        ConnzQuery q = ConnzQuery.parse(params(Map.of("state", "closed", "subs", "detail", "sort", "stop")));
        ConnectionDTO c = conn(7, NOW.toEpochMilli() - 1000);
        ConnzWriter.Connz z = new ConnzWriter.Connz("ID", NOW, q, List.of(), List.of(c), Map.of());
        Map<String, String> f = fields(Json.indented(g -> ConnzWriter.write(g, z)));
        assertEquals("string", f.get("connections[].stop"));
        assertEquals("string", f.get("connections[].reason"));
        assertEquals("string", f.get("connections[].subscriptions_list_detail[].subject"));
        assertEquals("string", f.get("connections[].subscriptions_list_detail[].qgroup"));
        assertEquals("string", f.get("connections[].subscriptions_list_detail[].sid"));
        assertEquals("number", f.get("connections[].subscriptions_list_detail[].msgs"));
        assertEquals("number", f.get("connections[].subscriptions_list_detail[].cid"));
    }

    @Test
    void connzRejectsWhatNatsServerRejects() {
        assertEquals("invalid sorting option: rtt",
                assertThrows(BadRequest.class, () -> ConnzQuery.parse(params(Map.of("sort", "rtt")))).getMessage());
        assertEquals("sort by stop only valid on closed connections",
                assertThrows(BadRequest.class, () -> ConnzQuery.parse(params(Map.of("sort", "stop")))).getMessage());
        assertThrows(BadRequest.class, () -> ConnzQuery.parse(params(Map.of("state", "gone"))));
        assertThrows(BadRequest.class, () -> ConnzQuery.parse(params(Map.of("subs", "maybe"))));
    }

    @Test
    void subszIsStatsAloneUnlessAPageOfSubscriptionsIsAsked() throws IOException, BadRequest {
        SubscriptionIndexDTO idx = new SubscriptionIndexDTO();
        idx.numSubscriptions = 2;
        List<SubscriptionDTO> subs = List.of(sub(1, "foo", null, "1"), sub(1, "bar", "q", "2"));
        SubszWriter.Query plain = SubszWriter.Query.parse(params(Map.of()));
        Map<String, String> f = fields(Json.indented(g -> SubszWriter.write(g, "ID", NOW, plain, idx, subs)));
        assertEquals(List.of("num_subscriptions", "num_cache", "num_inserts", "num_removes", "num_matches",
                "cache_hit_rate", "max_fanout", "avg_fanout"), List.copyOf(f.keySet()));

        SubszWriter.Query test = SubszWriter.Query.parse(params(Map.of("subs", "1", "test", "foo")));
        String json = Json.indented(g -> SubszWriter.write(g, "ID", NOW, test, idx, subs));
        Map<String, String> t = fields(json);
        assertEquals("string", t.get("server_id"));
        assertEquals("number", t.get("total"));
        assertEquals("string", t.get("subscriptions_list[].account"));
        assertEquals("string", t.get("subscriptions_list[].sid"));
        assertTrue(json.contains("\"total\": 1") && !json.contains("\"bar\""), json);
        assertThrows(BadRequest.class, () -> SubszWriter.Query.parse(params(Map.of("test", "foo.*"))));
    }

    @Test
    void featureEndpointsAreNatsServersOffForms() {
        assertEquals("{\"status\":\"ok\"}", Json.compact(FeatureWriters::healthz));
        Map<String, String> leafz = fields(Json.indented(g -> FeatureWriters.leafz(g, "ID", NOW)));
        assertEquals("null", leafz.get("leafs"));
        Map<String, String> jsz = fields(Json.indented(g -> FeatureWriters.jsz(g, "ID", NOW)));
        assertEquals("boolean", jsz.get("disabled"));
        assertEquals("number", jsz.get("config.max_memory"));
        assertEquals("number", jsz.get("api.errors"));
        Map<String, String> routez = fields(Json.indented(g -> FeatureWriters.routez(g, "ID", NOW, java.util.List.of(), false)));
        assertEquals("array", routez.get("routes"));
        Map<String, String> gw = fields(Json.indented(g -> FeatureWriters.gatewayz(g, "ID", NOW)));
        assertEquals("object", gw.get("outbound_gateways"));
    }

    @Test
    void metricsAreValidPrometheusText() {
        BrokerStatsDTO st = new BrokerStatsDTO();
        st.inMsgs = 42;
        String text = MetricsWriter.write(server(), st, List.of(interceptor()), List.of(authenticator()));
        assertTrue(text.contains("\n# TYPE dialtone_in_msgs_total counter\ndialtone_in_msgs_total 42\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("dialtone_[a-z_]+(\\{.*\\})? -?[0-9.eE+]+"), line);
        }
        String labels = "{kind=\"delivery\",type=\"com.example.Late\",bundle=\"com.example\",service_id=\"42\","
                + "subject=\"a.\\\"quoted\\\"\"}";
        assertTrue(text.contains("\ndialtone_interceptor_invocations_total" + labels + " 5\n"), text);
        assertTrue(text.contains("\ndialtone_interceptor_timeouts_total" + labels + " 2\n"), text);
        assertTrue(text.contains("\ndialtone_interceptor_failures_total" + labels + " 1\n"), text);
        String auth = "{name=\"guest\",type=\"com.example.Guest\",bundle=\"com.example\",service_id=\"7\"";
        assertTrue(text.contains("\ndialtone_authenticator_decisions_total" + auth + ",decision=\"deny\"} 3\n"), text);
        assertTrue(text.contains("\ndialtone_authenticator_failures_total" + auth + "} 1\n"), text);
        assertEquals(1, text.split("# TYPE dialtone_interceptor_dropped_total counter", -1).length - 1, text);
    }

    @Test
    void extensionzListsInterceptorsAndAuthenticatorsWithTheirCounters() {
        String json = Json.indented(g -> ExtensionzWriter.write(g, "ID", NOW, List.of(interceptor()),
                List.of(authenticator())));
        Map<String, String> f = fields(json);
        for (String num : List.of("interceptors[].service_id", "interceptors[].invocations", "interceptors[].modified",
                "interceptors[].dropped", "interceptors[].failures", "interceptors[].timeouts",
                "interceptors[].timeout_ms", "authenticators[].allowed", "authenticators[].denied",
                "authenticators[].abstained", "authenticators[].failures")) {
            assertEquals("number", f.get(num), num);
        }
        assertEquals("string", f.get("interceptors[].last_failure"));
        assertTrue(json.contains("\"kind\": \"delivery\""), json);
        assertTrue(json.contains("\"timeouts\": 2"), json);
        assertTrue(json.contains("\"last_failure\": \"timed out after 200 ms\""), json);
        assertTrue(json.contains("\"denied\": 3"), json);
        Map<String, String> empty = fields(Json.indented(g -> ExtensionzWriter.write(g, "ID", NOW, List.of(),
                List.of())));
        assertEquals("array", empty.get("interceptors"));
        assertEquals("array", empty.get("authenticators"));
    }

    private static InterceptorDTO interceptor() {
        InterceptorDTO i = new InterceptorDTO();
        i.kind = InterceptorDTO.DELIVERY;
        i.type = "com.example.Late";
        i.bundle = "com.example";
        i.serviceId = 42;
        i.subject = "a.\"quoted\"";
        i.timeoutMillis = 200;
        i.fallback = "drop";
        i.invocations = 5;
        i.failures = 1;
        i.timeouts = 2;
        i.lastFailure = "timed out after 200 ms";
        return i;
    }

    private static AuthenticatorDTO authenticator() {
        AuthenticatorDTO a = new AuthenticatorDTO();
        a.name = "guest";
        a.type = "com.example.Guest";
        a.bundle = "com.example";
        a.serviceId = 7;
        a.allowed = 4;
        a.denied = 3;
        a.failures = 1;
        return a;
    }

    // ---- helpers

    private static Params params(Map<String, String> map) {
        return map::get;
    }

    private static ServerDTO server() {
        ServerDTO s = new ServerDTO();
        s.serverId = "NABC";
        s.serverName = "NABC";
        s.version = "2.9.10";
        s.dialtoneVersion = "0.1.0";
        s.proto = 1;
        s.maxPayload = 1 << 20;
        s.maxControlLine = 4096;
        s.maxPending = 64L << 20;
        s.maxConnections = 65536;
        s.pingIntervalMillis = 120_000;
        s.pingMax = 2;
        s.writeDeadlineMillis = 10_000;
        s.startMillis = NOW.toEpochMilli() - 62_000;
        return s;
    }

    private static ConnectionDTO conn(long cid, long stopMillis) {
        ConnectionDTO c = new ConnectionDTO();
        c.cid = cid;
        c.kind = "Client";
        c.type = "nats";
        c.ip = "127.0.0.1";
        c.port = 5000;
        c.startMillis = NOW.toEpochMilli() - 5000;
        c.lastActivityMillis = NOW.toEpochMilli() - 2000;
        c.stopMillis = stopMillis;
        c.reason = stopMillis > 0 ? "Client Closed" : null;
        c.rttNanos = 392_000;
        c.subscriptions = 2;
        c.name = "a";
        c.lang = "java";
        c.version = "1";
        c.subscriptionsList = new String[] {"foo", "bar q"};
        return c;
    }

    private static SubscriptionDTO sub(long cid, String subject, String queue, String sid) {
        SubscriptionDTO s = new SubscriptionDTO();
        s.account = "$G";
        s.cid = cid;
        s.subject = subject;
        s.queue = queue;
        s.sid = sid;
        return s;
    }

    /** Every field path ("a.b", arrays as "a[]") with its JSON type, in document order. */
    static Map<String, String> fields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            walk(p, "", out);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
        return out;
    }

    private static void walk(JsonParser p, String path, Map<String, String> out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String name = p.currentName();
                p.nextToken();
                String child = path.isEmpty() ? name : path + "." + name;
                out.put(child, type(p.currentToken()));
                walk(p, child, out);
            }
        } else if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.put(path + "[]", type(p.currentToken()));
                walk(p, path + "[]", out);
            }
        }
    }

    private static String type(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> throw new IllegalStateException(t.toString());
        };
    }
}
