package io.dialtone.itests.blackbox;

import static io.dialtone.itests.blackbox.Clusters.awaitInterest;
import static io.dialtone.itests.blackbox.Clusters.log;
import static io.dialtone.itests.blackbox.Clusters.numRoutes;
import static io.dialtone.itests.blackbox.Clusters.readUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Routes between the servers of a cluster, on the wire: a Dialtone server and a peer (another Dialtone, or
 * nats-server 2.9.10, which proves the route protocol is the same) with a route dialled by the peer. Messages and
 * headers cross, a queue group spans both servers and each message reaches exactly one member, interest leaving one server stops deliveries from the other (no-responders then), and two servers that
 * dial each other keep one route.
 */
class ClusterTest extends DistributionTest {

    private static final Duration WAIT = Clusters.WAIT;

    @ParameterizedTest(name = "peer {0}")
    @MethodSource("servers")
    void messagesQueuesAndInterestCrossTheRoute(String peer) throws Exception {
        // route ports picked by the servers (-1) and read from the log: a port probed free beforehand can be taken
        try (ServerUnderTest near = ServerUnderTest.dialtone(dialtone, "--cluster", "nats://127.0.0.1:-1",
                "--cluster_name", "C1");
                ServerUnderTest far = DifferentialServers.start(peer, dialtone, "--cluster",
                        "nats://127.0.0.1:-1", "--cluster_name", "C1", "--routes",
                        "nats-route://127.0.0.1:" + Clusters.routePort(near));
                RawClient n = rawLogin(near, "{\"verbose\":false,\"headers\":true}");
                RawClient f = rawLogin(far, "{\"verbose\":false,\"headers\":true,\"no_responders\":true}")) {
            assertEquals("", n.send("SUB foo 1\r\nSUB bar q 2\r\nSUB mark 3\r\n").roundTrip());
            awaitInterest(f, n, "mark", "MSG mark 3 0\n\n");

            String crossing = f.send("PUB foo r 2\r\nhi\r\nHPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
                    + "PUB bar 1\r\nx\r\nPUB bar 1\r\ny\r\nPUB mark 0\r\n\r\n").roundTrip();
            assertEquals("", crossing);
            assertEquals("MSG foo 1 r 2\nhi\nHMSG foo 1 12 14\nNATS/1.0\n\nhi\nMSG bar 2 1\nx\nMSG bar 2 1\ny\n"
                    + "MSG mark 3 0\n\n", readUntil(n, "MSG mark 3 0\n\n"),
                    "plain, with headers, and the queue group's only member is across the route");

            assertEquals("", f.send("SUB bar q 7\r\n").roundTrip());
            StringBuilder publish = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                publish.append("PUB bar 2\r\n").append(i < 10 ? "0" + i : i).append("\r\n");
            }
            String local = f.send(publish + "PUB mark 0\r\n\r\n").roundTrip();
            String crossed = readUntil(n, "MSG mark 3 0\n\n");
            java.util.List<String> each = new java.util.ArrayList<>();
            for (String line : (local + crossed).split("\n")) {
                if (!line.startsWith("MSG") && !line.isEmpty()) {
                    each.add(line);
                }
            }
            java.util.Collections.sort(each);
            assertEquals(20, each.size(), "every message reached one member of the group: " + local + crossed);
            for (int i = 0; i < 20; i++) {
                assertEquals(i < 10 ? "0" + i : String.valueOf(i), each.get(i), "exactly once each");
            }

            assertEquals("", n.send("UNSUB 1\r\n").roundTrip());
            StringBuilder seen = new StringBuilder();
            Await.until(WAIT, () -> {
                try {
                    seen.setLength(0);
                    seen.append(f.send("SUB inbox 9\r\nPUB foo inbox 0\r\n\r\nUNSUB 9\r\n").roundTrip());
                    return seen.toString().contains("HMSG inbox 9 16 16\nNATS/1.0 503\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, () -> "no no-responders after the only subscriber left; last seen: " + seen);
        }
    }

    @Test
    void twoServersDiallingEachOtherKeepOneRoute() throws Exception {
        int aRoutes = Nats.freePort();
        int bRoutes = Nats.freePort();
        int aHttp = Nats.freePort();
        int bHttp = Nats.freePort();
        try (ServerUnderTest a = ServerUnderTest.dialtone(dialtone, "-m", String.valueOf(aHttp), "--cluster",
                "nats://127.0.0.1:" + aRoutes, "--cluster_name", "C1", "--routes", "nats://127.0.0.1:" + bRoutes);
                ServerUnderTest b = ServerUnderTest.dialtone(dialtone, "-m", String.valueOf(bHttp), "--cluster",
                        "nats://127.0.0.1:" + bRoutes, "--cluster_name", "C1", "--routes",
                        "nats://127.0.0.1:" + aRoutes);
                RawClient ca = rawLogin(a, "{\"verbose\":false}");
                RawClient cb = rawLogin(b, "{\"verbose\":false}")) {
            Await.until(WAIT, () -> numRoutes(aHttp) == 1 && numRoutes(bHttp) == 1,
                    () -> "one route on each side; routes: " + numRoutes(aHttp) + " and " + numRoutes(bHttp)
                            + "\nA's log:\n" + log(a) + "\nB's log:\n" + log(b));
            assertEquals("", ca.send("SUB foo 1\r\nSUB mark 2\r\n").roundTrip());
            awaitInterest(cb, ca, "mark", "MSG mark 2 0\n\n");
            cb.send("PUB foo 3\r\none\r\nPUB mark 0\r\n\r\n").roundTrip();
            assertEquals("MSG foo 1 3\none\nMSG mark 2 0\n\n", readUntil(ca, "MSG mark 2 0\n\n"),
                    "delivered once: one route carries it");
            assertEquals(1, numRoutes(aHttp));
            assertEquals(1, numRoutes(bHttp));
        }
    }

    /**
     * The cluster's authorization: a peer dialling with the configured user and password gets a route (messages
     * cross), one with a wrong password is refused with nats-server's log line and gets none.
     */
    @ParameterizedTest(name = "peer {0}")
    @MethodSource("servers")
    void routesMustGiveTheClusterCredentials(String peer) throws Exception {
        int nearRoutes = Nats.freePort();
        java.nio.file.Path conf = configFile("cluster-auth", "cluster {", "  name: C1",
                "  listen: \"127.0.0.1:" + nearRoutes + "\"", "  authorization { user: ru, password: rp }", "}");
        Dialtone.Running near = dialtone.start("-c", conf.toString(), "-a", "127.0.0.1", "-p", "-1");
        try (ServerUnderTest wrong = DifferentialServers.start(peer, dialtone, "--cluster",
                "nats://127.0.0.1:" + Nats.freePort(), "--cluster_name", "C1", "--routes",
                "nats-route://ru:nope@127.0.0.1:" + nearRoutes)) {
            try {
                assertTrue(near.awaitLine("Router authentication error", WAIT).contains("User \"ru\""));
            } catch (AssertionError e) {
                throw new AssertionError("near's route port " + nearRoutes + "; near's log:\n"
                        + String.join("\n", near.lines) + "\npeer's log:\n" + wrong.log(), e);
            }
        }
        try (ServerUnderTest right = DifferentialServers.start(peer, dialtone, "--cluster",
                "nats://127.0.0.1:" + Nats.freePort(), "--cluster_name", "C1", "--routes",
                "nats-route://ru:rp@127.0.0.1:" + nearRoutes);
                RawClient n = RawClient.connect(near.clientPort());
                RawClient f = rawLogin(right, "{\"verbose\":false}")) {
            assertEquals("", n.send("CONNECT {\"verbose\":false}\r\nSUB mark 1\r\n").roundTrip());
            awaitInterest(f, n, "mark", "MSG mark 1 0\n\n");
        } finally {
            near.terminate();
            java.nio.file.Files.deleteIfExists(conf);
        }
    }
}
