package io.dialtone.itests.blackbox;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dialtone.itests.support.Lines;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The monitoring endpoints of Dialtone and of nats-server 2.9.10 after the same scenario (two raw-socket clients with a
 * plain and a queue subscription, a message, then one client gone), compared by shape: the set of field paths
 * ({@code connections[].subscriptions_list[]}) and the JSON type of each. Values differ by nature and are not compared.
 *
 * <p>Each server is started with {@code -m <free port>}. With {@code -Dit.servers=nats-server} only the reference is run,
 * and the test checks that the scenario really produces the fields it is meant to exercise.
 */
class MonitoringDifferentialTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The endpoints compared; the closed-connection ones are fetched after client b has gone. */
    private static final List<String> OPEN_PHASE = List.of("/varz", "/connz", "/connz?subs=1", "/connz?subs=detail",
            "/subsz", "/subsz?subs=1", "/subscriptionsz?subs=1&test=foo", "/healthz", "/routez", "/gatewayz",
            "/leafz", "/jsz", "/accountz");
    private static final List<String> CLOSED_PHASE = List.of("/connz?state=closed", "/connz?state=closed&subs=1",
            "/connz?state=any&sort=uptime");

    /**
     * nats-server fields Dialtone does not produce, each for a reason that holds today. Keep it short: a field here is
     * a known gap, not a difference of opinion.
     */
    private static final Map<String, Set<String>> NOT_YET = Map.of(
            // Dialtone has no system account ($SYS) yet; nats-server omits this field too when it runs without one
            "/varz", Set.of("system_account"),
            "/accountz", Set.of("system_account"));

    /** Fields Dialtone adds to nats-server's shapes, on purpose. */
    private static final Map<String, Set<String>> EXTENSIONS = Map.of(
            // DESIGN.md: Dialtone's own version is shown in /varz, next to the nats-server version it implements
            "/varz", Set.of("dialtone_version"));

    /** Paths the scenario must produce on nats-server, or the comparison would prove little. */
    private static final Map<String, List<String>> MUST_HAVE = Map.of(
            "/connz?subs=1", List.of("connections[].subscriptions_list[]", "connections[].rtt", "connections[].name"),
            "/connz?subs=detail", List.of("connections[].subscriptions_list_detail[].qgroup",
                    "connections[].subscriptions_list_detail[].sid"),
            "/subsz?subs=1", List.of("subscriptions_list[].account", "subscriptions_list[].qgroup", "total"),
            "/connz?state=closed", List.of("connections[].stop", "connections[].reason"),
            "/connz?state=closed&subs=1", List.of("connections[].subscriptions_list[]"),
            "/varz", List.of("http_req_stats", "jetstream", "ping_interval"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Dialtone dist;
    /** server name → endpoint → field path → JSON type. */
    private static final Map<String, Map<String, Map<String, String>>> SHAPES = new LinkedHashMap<>();
    private static final Map<String, Map<String, HttpResponse<String>>> RAW = new LinkedHashMap<>();

    @BeforeAll
    static void runTheScenarioOnEachServer() throws Exception {
        for (String name : DifferentialServers.selected().toList()) {
            if (name.equals(DifferentialServers.DIALTONE)) {
                dist = Dialtone.copy();
            }
            int httpPort = Nats.freePort();
            try (ServerUnderTest server = DifferentialServers.start(name, dist, "-m", Integer.toString(httpPort))) {
                scenario(name, server.port(), httpPort);
            }
        }
    }

    @AfterAll
    static void deleteDistribution() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    private static void scenario(String name, int port, int httpPort) throws Exception {
        Map<String, Map<String, String>> shapes = new LinkedHashMap<>();
        Map<String, HttpResponse<String>> raw = new LinkedHashMap<>();
        awaitHttp(httpPort);
        try (Socket a = client(port, "a"); Socket b = client(port, "b")) {
            send(a, "PUB foo 5\r\nhello\r\nPING\r\n");
            awaitPong(a);
            for (String endpoint : OPEN_PHASE) {
                fetch(httpPort, endpoint, shapes, raw);
            }
            b.close();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!get(httpPort, "/connz?state=closed").body().contains("\"cid\"")) {
                assertTrue(System.nanoTime() < deadline, name + ": closed connection not listed within " + WAIT);
                Thread.sleep(20); // polling interval
            }
            for (String endpoint : CLOSED_PHASE) {
                fetch(httpPort, endpoint, shapes, raw);
            }
        }
        SHAPES.put(name, shapes);
        RAW.put(name, raw);
    }

    @TestFactory
    Stream<DynamicTest> natsServerProducesTheFieldsTheScenarioIsAbout() {
        assumeTrue(SHAPES.containsKey(DifferentialServers.NATS_SERVER), "nats-server not selected");
        Map<String, Map<String, String>> ref = SHAPES.get(DifferentialServers.NATS_SERVER);
        return MUST_HAVE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            for (String path : e.getValue()) {
                assertTrue(ref.get(e.getKey()).containsKey(path), e.getKey() + " lacks " + path + ": "
                        + RAW.get(DifferentialServers.NATS_SERVER).get(e.getKey()).body());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> dialtoneHasNatsServersFieldsAndTypes() {
        assumeTrue(SHAPES.containsKey(DifferentialServers.DIALTONE) && SHAPES.containsKey(DifferentialServers.NATS_SERVER),
                "needs both dialtone and nats-server selected");
        return Stream.concat(OPEN_PHASE.stream(), CLOSED_PHASE.stream()).map(endpoint ->
                DynamicTest.dynamicTest(endpoint, () -> compare(endpoint)));
    }

    @TestFactory
    Stream<DynamicTest> everyServerAnswersLikeNatsServer() {
        return SHAPES.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Map<String, HttpResponse<String>> raw = RAW.get(name);
            for (Map.Entry<String, HttpResponse<String>> e : raw.entrySet()) {
                assertEquals(200, e.getValue().statusCode(), name + " " + e.getKey());
                assertEquals("application/json", e.getValue().headers().firstValue("Content-Type").orElse(""),
                        name + " " + e.getKey());
            }
            assertEquals("{\"status\":\"ok\"}", raw.get("/healthz").body(), name);
        }));
    }

    private static void compare(String endpoint) {
        Map<String, String> nats = SHAPES.get(DifferentialServers.NATS_SERVER).get(endpoint);
        Map<String, String> ours = SHAPES.get(DifferentialServers.DIALTONE).get(endpoint);
        Set<String> allowedMissing = NOT_YET.getOrDefault(base(endpoint), Set.of());
        Set<String> allowedExtra = EXTENSIONS.getOrDefault(base(endpoint), Set.of());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : nats.entrySet()) {
            String path = f.getKey();
            if (isInsideDynamicMap(path) || allowedMissing.contains(path)) {
                continue;
            }
            String type = ours.get(path);
            if (type == null) {
                problems.add("missing " + path + " (" + f.getValue() + ")");
            } else if (!type.equals(f.getValue())) {
                problems.add(path + " is " + type + ", nats-server's is " + f.getValue());
            }
        }
        for (String path : ours.keySet()) {
            if (!nats.containsKey(path) && !isInsideDynamicMap(path) && !allowedExtra.contains(path)) {
                problems.add("extra " + path);
            }
        }
        assertTrue(problems.isEmpty(), endpoint + ": " + problems + "\nnats-server: "
                + RAW.get(DifferentialServers.NATS_SERVER).get(endpoint).body() + "\ndialtone: "
                + RAW.get(DifferentialServers.DIALTONE).get(endpoint).body());
    }

    /** Keys of http_req_stats are request paths, not field names: their set differs by history. */
    private static boolean isInsideDynamicMap(String path) {
        return path.startsWith("http_req_stats.");
    }

    private static String base(String endpoint) {
        int q = endpoint.indexOf('?');
        return q < 0 ? endpoint : endpoint.substring(0, q);
    }

    // ---- the scenario's clients

    private static Socket client(int port, String name) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        String info = Lines.read(s.getInputStream());
        assertTrue(info.startsWith("INFO "), info);
        send(s, "CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"" + name
                + "\",\"lang\":\"raw\",\"version\":\"1.0\"}\r\nSUB foo 1\r\nSUB bar q 2\r\nPING\r\n");
        awaitPong(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(ISO_8859_1));
        out.flush();
    }

    /** Reads lines up to a PONG, answering the server's own PINGs; a handful of lines at most (MSGs and a PING). */
    private static void awaitPong(Socket s) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line = Lines.read(s.getInputStream()); !line.equals("PONG"); line = Lines.read(s.getInputStream())) {
            seen.add(line);
            assertTrue(seen.size() < 20, "no PONG: " + seen);
            if (line.equals("PING")) {
                send(s, "PONG\r\n");
            }
        }
    }

    // ---- HTTP and shapes

    private static void awaitHttp(int httpPort) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(httpPort, "/healthz");
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(50); // polling interval
        }
        throw new AssertionError("no monitoring endpoint on port " + httpPort + " within " + WAIT + ": " + last);
    }

    private static void fetch(int httpPort, String endpoint, Map<String, Map<String, String>> shapes,
            Map<String, HttpResponse<String>> raw) throws Exception {
        HttpResponse<String> r = get(httpPort, endpoint);
        raw.put(endpoint, r);
        Map<String, String> fields = new TreeMap<>();
        if (r.statusCode() == 200) {
            walk(JsonParser.parse(r.body()), "", fields);
        }
        shapes.put(endpoint, fields);
    }

    private static HttpResponse<String> get(int httpPort, String endpoint) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + endpoint))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every field path with its JSON type; array elements are merged under {@code path[]}. */
    private static void walk(JsonValue v, String path, Map<String, String> out) {
        if (v.type == JsonValue.Type.MAP) {
            for (Map.Entry<String, JsonValue> e : v.map.entrySet()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.put(child, type(e.getValue()));
                walk(e.getValue(), child, out);
            }
        } else if (v.type == JsonValue.Type.ARRAY) {
            for (JsonValue element : v.array) {
                out.put(path + "[]", type(element));
                walk(element, path + "[]", out);
            }
        }
    }

    private static String type(JsonValue v) {
        return switch (v.type) {
            case MAP -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOL -> "boolean";
            case NULL -> "null";
            default -> "number";
        };
    }
}
