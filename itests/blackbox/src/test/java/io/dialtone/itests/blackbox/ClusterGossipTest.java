package io.dialtone.itests.blackbox;

import static io.dialtone.itests.blackbox.Clusters.WAIT;
import static io.dialtone.itests.blackbox.Clusters.awaitInterest;
import static io.dialtone.itests.blackbox.Clusters.log;
import static io.dialtone.itests.blackbox.Clusters.monitor;
import static io.dialtone.itests.blackbox.Clusters.readUntil;
import static io.dialtone.itests.blackbox.Clusters.routePort;
import static io.dialtone.itests.blackbox.DifferentialServers.DIALTONE;
import static io.dialtone.itests.blackbox.DifferentialServers.NATS_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import io.nats.client.Connection;
import io.nats.client.Options;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cluster grown from one seed, as nats-server 2.9.10 grows it: servers that route only to the seed hear of each other
 * through the seed's INFO (gossip) and route to each other (implicit routes); clients are told every server's client
 * URL ({@code connect_urls}, in the greeting and in async INFO as servers join and leave); /varz shows the cluster.
 * Each scenario runs with Dialtone and nats-server in the roles where they meet.
 */
class ClusterGossipTest extends DistributionTest {

    /** Pairs of server kinds, kept only when it.servers selects both. */
    private static Stream<Arguments> pairs(String[]... pairs) {
        return Stream.of(pairs)
                .filter(p -> DifferentialServers.isSelected(p[0]) && DifferentialServers.isSelected(p[1]))
                .map(p -> Arguments.of((Object[]) p));
    }

    /**
     * Seed and the two other servers: Dialtone everywhere, nats-server as the seed, nats-server as the others, and
     * nats-server everywhere (the scenario checked against the reference).
     */
    static Stream<Arguments> seeds() {
        return pairs(new String[] {DIALTONE, DIALTONE}, new String[] {NATS_SERVER, DIALTONE},
                new String[] {DIALTONE, NATS_SERVER}, new String[] {NATS_SERVER, NATS_SERVER});
    }

    /** The server a client connects to, and the one that joins it (nats-server twice: the reference). */
    static Stream<Arguments> clientAndPeer() {
        return pairs(new String[] {DIALTONE, DIALTONE}, new String[] {DIALTONE, NATS_SERVER},
                new String[] {NATS_SERVER, DIALTONE}, new String[] {NATS_SERVER, NATS_SERVER});
    }

    private static ServerUnderTest start(String kind, String... flags) throws Exception {
        return DifferentialServers.start(kind, dialtone, flags);
    }

    /** Cluster flags: listen on a free route port, cluster C1, and route to {@code routes} (none when null). */
    private static String[] cluster(Integer routes, String... more) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--cluster", "nats://127.0.0.1:" + Nats.freePort(),
                "--cluster_name", "C1"));
        if (routes != null) {
            flags.addAll(List.of("--routes", "nats-route://127.0.0.1:" + routes));
        }
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }

    private static JsonValue json(String infoLine) {
        return JsonParser.parseUnchecked(infoLine.substring(infoLine.indexOf('{')));
    }

    /** The route in {@code httpPort}'s /routez whose peer is {@code serverId}, or null. */
    private static JsonValue routeTo(int httpPort, String serverId) {
        JsonValue z = monitor(httpPort, "/routez");
        if (z == null || z.map.get("routes") == null) {
            return null;
        }
        return z.map.get("routes").array.stream()
                .filter(r -> serverId.equals(r.map.get("remote_id").string)).findFirst().orElse(null);
    }

    @ParameterizedTest(name = "seed {0}, others {1}")
    @MethodSource("seeds")
    void serversThatKnowOnlyTheSeedRouteToEachOther(String seedKind, String othersKind) throws Exception {
        int seedRoutes = Nats.freePort();
        mesh(seedKind, othersKind, new String[] {"--cluster", "nats://127.0.0.1:" + seedRoutes, "--cluster_name", "C1"},
                http -> cluster(seedRoutes, "-m", String.valueOf(http)));
    }

    /**
     * The same with cluster authorization: every route INFO says auth_required (the dialling server's too, which
     * the seed passes on), and a server dials the one it heard of with its own cluster credentials.
     */
    @ParameterizedTest(name = "seed {0}, others {1}")
    @MethodSource("seeds")
    void serversWithClusterAuthorizationRouteToEachOther(String seedKind, String othersKind) throws Exception {
        int seedRoutes = Nats.freePort();
        List<Path> files = new ArrayList<>();
        try {
            files.add(authorized(seedRoutes, null));
            String[] seed = {"-c", files.get(0).toString()};
            mesh(seedKind, othersKind, seed, http -> {
                files.add(authorized(Nats.freePort(), seedRoutes));
                return new String[] {"-c", files.get(files.size() - 1).toString(), "-m", String.valueOf(http)};
            });
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** A config file: cluster C1 on {@code listen} with user ru, password rp, routing to {@code seed} if given. */
    private static Path authorized(int listen, Integer seed) throws Exception {
        return configFile("gossip-auth", "cluster {", "  name: C1", "  listen: \"127.0.0.1:" + listen + "\"",
                "  authorization { user: ru, password: rp }",
                seed == null ? "" : "  routes: [\"nats-route://ru:rp@127.0.0.1:" + seed + "\"]", "}");
    }

    /** The flags of a server that routes only to the seed, given its monitoring port. */
    private interface Member {
        String[] flags(int httpPort) throws Exception;
    }

    /**
     * Seed A, then B and C that route only to A: B and C end up routing to each other (implicit routes, one
     * connection), and a message published on B reaches a subscriber on C.
     */
    private void mesh(String seedKind, String othersKind, String[] seedFlags, Member member) throws Exception {
        int bHttp = Nats.freePort();
        int cHttp = Nats.freePort();
        try (ServerUnderTest a = start(seedKind, seedFlags);
                ServerUnderTest b = start(othersKind, member.flags(bHttp));
                ServerUnderTest c = start(othersKind, member.flags(cHttp));
                RawClient publisher = rawLogin(b, "{\"verbose\":false}");
                RawClient subscriber = rawLogin(c, "{\"verbose\":false}")) {
            String bId = json(publisher.info).map.get("server_id").string;
            String cId = json(subscriber.info).map.get("server_id").string;
            Await.until(WAIT, () -> routeTo(bHttp, cId) != null && routeTo(cHttp, bId) != null,
                    () -> "B and C route to each other\nB's /routez: " + monitor(bHttp, "/routez") + "\nC's /routez: "
                            + monitor(cHttp, "/routez") + "\n" + log(a) + "\n" + log(b) + "\n" + log(c));
            JsonValue bc = routeTo(bHttp, cId);
            JsonValue cb = routeTo(cHttp, bId);
            assertFalse(bc.map.get("is_configured").bool, "an implicit route: " + bc);
            assertFalse(cb.map.get("is_configured").bool, "an implicit route: " + cb);
            assertNotEquals(bc.map.get("did_solicit").bool, cb.map.get("did_solicit").bool,
                    "one route, dialled by one");
            assertEquals(2, Clusters.numRoutes(bHttp), "B routes to A and C");
            assertEquals(2, Clusters.numRoutes(cHttp), "C routes to A and B");

            // a message from a route goes to local clients only: one published on B reaches C over the B-C route
            assertEquals("", subscriber.send("SUB gossip 1\r\n").roundTrip());
            awaitInterest(publisher, subscriber, "gossip", "MSG gossip 1 0\n\n");
            assertEquals("", publisher.send("PUB gossip 5\r\nhello\r\n").roundTrip());
            assertEquals("MSG gossip 1 5\nhello\n", readUntil(subscriber, "hello\n"));
        }
    }

    /**
     * nats-server dials a server it heard of once, then every second at most connect_retries times more (and never
     * again after such a route closes); the seed here is the test itself, announcing a server nobody listens for.
     */
    @Test
    void anImplicitRouteIsDialledAtMostConnectRetriesTimesMore() throws Exception {
        assumeTrue(DifferentialServers.isSelected(DIALTONE), "dialtone not selected");
        int ghost = Nats.freePort();
        try (ServerSocket seed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerUnderTest b = start(DIALTONE, cluster(seed.getLocalPort(), "--connect_retries", "2", "-D"));
                Socket route = accept(seed)) {
            route.getOutputStream().write((routeInfo("NSEED", seed.getLocalPort(), "")
                    + routeInfo("NGHOST", ghost, ",\"ip\":\"nats-route://127.0.0.1:" + ghost + "/\""))
                    .getBytes(StandardCharsets.US_ASCII));
            String gaveUp = "Giving up on implicit route nats-route://127.0.0.1:" + ghost + " after 3 attempts";
            Await.until(WAIT, () -> log(b).contains(gaveUp), () -> "B gives up on the announced server\n" + log(b));
            assertEquals(3, log(b).lines().filter(l -> l.contains("Error trying to connect to route (attempt")
                    && l.contains(":" + ghost)).count(), "one attempt and two retries\n" + log(b));
        }
    }

    /** A route INFO as a server of cluster C1 on 127.0.0.1 sends it, with {@code more} fields. */
    private static String routeInfo(String id, int port, String more) {
        return "INFO {\"server_id\":\"" + id + "\",\"server_name\":\"" + id + "\",\"version\":\"2.9.10\",\"proto\":1,"
                + "\"host\":\"127.0.0.1\",\"port\":" + port + ",\"headers\":true,\"max_payload\":1048576"
                + more + ",\"cluster\":\"C1\"}\r\n";
    }

    private static Socket accept(ServerSocket s) throws Exception {
        s.setSoTimeout((int) WAIT.toMillis());
        return s.accept();
    }

    @ParameterizedTest(name = "client on {0}, joining {1}")
    @MethodSource("clientAndPeer")
    void aJnatsClientLearnsTheUrlsOfTheServersThatJoinAndLeave(String serverKind, String peerKind) throws Exception {
        int routes = Nats.freePort();
        try (ServerUnderTest server = start(serverKind, "--cluster", "nats://127.0.0.1:" + routes, "--cluster_name",
                "C1");
                Connection nc = io.nats.client.Nats.connect(Options.builder().server(server.url()).build())) {
            String own = "127.0.0.1:" + server.port();
            String other;
            try (ServerUnderTest peer = start(peerKind, cluster(routes))) {
                other = "127.0.0.1:" + peer.port();
                Await.until(WAIT, () -> nc.getServerInfo().getConnectURLs().contains(other)
                        && nc.getServers().stream().anyMatch(u -> u.endsWith(other)),
                        () -> "the client learns " + other + "; it knows " + nc.getServers() + ", INFO "
                                + nc.getServerInfo() + "\n" + log(server) + "\n" + log(peer));
                assertEquals(List.of(own, other), nc.getServerInfo().getConnectURLs(), "the server's own URL first");
                try (Connection late = io.nats.client.Nats.connect(Options.builder().server(server.url()).build())) {
                    assertEquals(List.of(own, other), late.getServerInfo().getConnectURLs(), "in the greeting too");
                }
            }
            Await.until(WAIT, () -> nc.getServerInfo().getConnectURLs().equals(List.of(own)),
                    () -> "the URL of the server that left is withdrawn; INFO " + nc.getServerInfo());
        }
    }

    /**
     * The INFO lines clients get while a server joins and leaves, byte for byte as nats-server sends them (values that
     * differ by nature replaced): the greeting, the async INFO to a protocol 1 client, the INFO after the first PONG
     * of a protocol 1 client that connected before the change, the INFO when the server left; none for protocol 0.
     */
    @Test
    void clientsAreToldAsNatsServerTellsThem() throws Exception {
        assumeTrue(DifferentialServers.isSelected(NATS_SERVER) && DifferentialServers.isSelected(DIALTONE),
                "needs both servers");
        List<String> reference = infosWhileAServerJoinsAndLeaves(NATS_SERVER);
        assertEquals(reference, infosWhileAServerJoinsAndLeaves(DIALTONE));
    }

    private List<String> infosWhileAServerJoinsAndLeaves(String kind) throws Exception {
        int routes = Nats.freePort();
        try (ServerUnderTest server = start(kind, "--cluster", "nats://127.0.0.1:" + routes, "--cluster_name", "C1")) {
            // Dialtone's client listener may greet the first clients a few milliseconds before the cluster bundle has
            // told the kernel the cluster's name (nats-server knows it from the start): clients here come after it
            Await.until(WAIT, () -> log(server).contains("Listening for route connections"),
                    () -> "no route listener\n" + log(server));
            return infosWhileAServerJoinsAndLeaves(kind, server, routes);
        }
    }

    private List<String> infosWhileAServerJoinsAndLeaves(String kind, ServerUnderTest server, int routes)
            throws Exception {
        List<String> seen = new ArrayList<>();
        try (RawClient one = rawLogin(server, "{\"verbose\":false,\"protocol\":1}");
                RawClient zero = rawLogin(server, "{\"verbose\":false}");
                RawClient unpinged = RawClient.connect(server.port())) {
            unpinged.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\n");
            seen.add("greeting " + normal(one.info, server.port(), -1));
            int peerPort;
            try (ServerUnderTest peer = start(kind, cluster(routes))) {
                peerPort = peer.port();
                seen.add("joined " + normal(nextInfo(one), server.port(), peerPort));
                String both = "\"connect_urls\":[\"127.0.0.1:<own port>\",\"127.0.0.1:<peer port>\"]";
                assertTrue(seen.get(1).contains(both), kind + ": " + seen);
                assertEquals("", zero.roundTrip(), kind + ": a protocol 0 client is not told");
                unpinged.send("PING\r\n");
                for (String line = unpinged.readLine(); !line.equals("PONG"); line = unpinged.readLine()) {
                    assertEquals("PING", line, kind + ": the server's own PING at most before the PONG");
                    unpinged.send("PONG\r\n");
                }
                seen.add("first PONG " + normal(nextInfo(unpinged), server.port(), peerPort));
            }
            seen.add("left " + normal(nextInfo(one), server.port(), peerPort));
        }
        return seen;
    }

    /** Reads up to the next INFO line, answering the server's PINGs. */
    private static String nextInfo(RawClient c) throws Exception {
        for (String line = c.readLine(); ; line = c.readLine()) {
            if (line.startsWith("INFO ")) {
                return line;
            }
            if (line.equals("PING")) {
                c.send("PONG\r\n");
            } else {
                throw new AssertionError("not an INFO: " + line);
            }
        }
    }

    /** The INFO line with what differs by nature (ids, Go or Java version, ports) replaced, its fields in order. */
    private static String normal(String info, int ownPort, int peerPort) {
        assertEquals(" ", info.substring(info.length() - 1), "nats-server ends INFO with a space: " + info);
        String s = info.replaceAll("\"(server_id|server_name)\":\"[^\"]*\"", "\"$1\":\"<id>\"")
                .replaceAll("\"go\":\"[^\"]*\"", "\"go\":\"<runtime>\"")
                .replaceAll("\"client_id\":\\d+", "\"client_id\":<cid>")
                .replace(":" + ownPort, ":<own port>");
        return peerPort < 0 ? s : s.replace(":" + peerPort, ":<peer port>");
    }

    /**
     * /varz's cluster object and connect_urls, field for field as nats-server's in the same cluster (route
     * authorization with a fractional timeout, a configured route, clients on every address).
     */
    @Test
    void varzShowsTheClusterAsNatsServerDoes() throws Exception {
        assumeTrue(DifferentialServers.isSelected(NATS_SERVER) && DifferentialServers.isSelected(DIALTONE),
                "needs both servers");
        String reference = varzCluster(NATS_SERVER);
        assertEquals(reference, varzCluster(DIALTONE));
    }

    private String varzCluster(String kind) throws Exception {
        int http = Nats.freePort();
        String auth = "  authorization { user: ru, password: rp, timeout: 0.5 }";
        // route ports are the servers' own picks (-1), read from their logs: a port picked free by the test could be
        // taken by a server's own ephemeral client port in the meantime
        Path peerConf = configFile("peer", "cluster {", "  name: C1", "  listen: \"127.0.0.1:-1\"", auth, "}");
        Path conf = null;
        try (ServerUnderTest peer = start(kind, "-c", peerConf.toString())) {
            int peerRoutes = routePort(peer);
            conf = configFile("varz", "cluster {", "  name: C1", "  listen: \"127.0.0.1:-1\"", auth,
                    "  routes: [\"nats-route://ru:rp@127.0.0.1:" + peerRoutes + "\"]", "}");
            try (ServerUnderTest server = start(kind, "-c", conf.toString(), "-m", String.valueOf(http), "-a",
                    "0.0.0.0")) {
                return varzParts(kind, server, peer, http, peerRoutes);
            }
        } finally {
            Files.deleteIfExists(peerConf);
            if (conf != null) {
                Files.deleteIfExists(conf);
            }
        }
    }

    private String varzParts(String kind, ServerUnderTest server, ServerUnderTest peer, int http, int peerRoutes)
            throws Exception {
        String[] varz = new String[1];
        Pattern shown = Pattern.compile("\n  \"connect_urls\": \\[[^\\]]*\\]|\n  \"cluster\": \\{[^}]*\\}");
        Await.until(WAIT, () -> {
            varz[0] = Clusters.body(http, "/varz");
            return varz[0] != null && varz[0].contains(":" + peer.port() + "\"");
        }, () -> kind + "'s /varz tells both client URLs: " + varz[0] + "\n" + log(server) + "\n" + log(peer));
        StringBuilder parts = new StringBuilder();
        Matcher m = shown.matcher(varz[0]);
        while (m.find()) {
            parts.append(m.group());
        }
        assertTrue(parts.indexOf("\"connect_urls\"") >= 0 && parts.indexOf("\"urls\"") >= 0
                && parts.indexOf("\"auth_timeout\": 0.5") >= 0, kind + ": " + varz[0]);
        return parts.toString().replace(":" + server.port() + "\"", ":<own port>\"")
                .replace(":" + peer.port() + "\"", ":<peer port>\"")
                .replace(":" + peerRoutes + "\"", ":<peer route port>\"")
                .replaceAll("\"cluster_port\": \\d+,", "\"cluster_port\": <route port>,");
    }
}
