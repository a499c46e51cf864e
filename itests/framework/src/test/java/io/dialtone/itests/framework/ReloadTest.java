package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.RouteDTO;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.NatsServerProcess;
import io.dialtone.itests.support.RawClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A live reload of the configuration file (what {@code -sl reload} and SIGHUP run) inside the real framework: a new
 * max_payload reaches new clients' INFO; a user removed from the file loses its connection with nats-server's
 * {@code Authorization Violation}, while the connection of a user still listed stays untouched; a route added to the
 * cluster's list is dialled and carries messages, a route removed is closed, the routes and clients that stay are
 * untouched (the peers are real nats-server 2.9.10 processes).
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService(filter = "(" + LaunchProperties.COMMAND + "=" + LaunchProperties.COMMAND_RELOAD + ")")
    Runnable reload;
    @InjectService
    ServerRuntime server;
    @InjectService
    org.osgi.service.cm.ConfigurationAdmin configAdmin;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;
    @InjectService
    BrokerRuntime broker;

    private Path file() {
        return Path.of(context.getProperty(LaunchProperties.CONFIG_FILE));
    }

    /** The cluster block the framework started with (dialtone-itests.conf), with a route list. */
    private static String cluster(int... routePorts) {
        StringBuilder b = new StringBuilder("cluster {\n  listen: \"127.0.0.1:-1\"\n  name: itests\n  routes: [\n");
        for (int p : routePorts) {
            b.append("    nats-route://127.0.0.1:").append(p).append('\n');
        }
        return b.append("  ]\n}\n").toString();
    }

    private void reloadWith(String text) throws IOException {
        Files.writeString(file(), text.contains("cluster {") ? text : cluster() + text);
        reload.run();
    }

    @AfterEach
    void emptyFileAgain() throws Exception {
        reloadWith("# emptied by ReloadTest\n");
        Await.until("no routes", WAIT, () -> broker.routes().isEmpty());
        Await.until("no authentication and the default max_payload", WAIT, () -> {
            String info = info();
            return !info.contains("auth_required") && info.contains("\"max_payload\":1048576");
        });
    }

    private String info() {
        try (RawClient c = RawClient.connect(listener.listener().port)) {
            return c.info;
        } catch (IOException e) {
            return "";
        }
    }

    private long userAuthenticators() {
        return broker.authenticators().stream().filter(a -> a.type.endsWith(".UserAuthenticator")).count();
    }

    private RawClient login(String user, String pass) throws IOException {
        RawClient c = RawClient.connect(listener.listener().port);
        assertEquals("", c.send("CONNECT {\"verbose\":false,\"user\":\"" + user + "\",\"pass\":\"" + pass
                + "\"}\r\n").roundTrip(), user + " admitted");
        return c;
    }

    @Test
    void maxPayloadAndUsersChangeLive() throws Exception {
        reloadWith("max_payload: 2048\nauthorization {\n  users: [\n    {user: alice, password: a}\n"
                + "    {user: bob, password: b}\n  ]\n}\n");
        // each user is a configuration of its own, and its authenticator comes when that one is applied
        Await.until("the first file applied", WAIT, () -> info().contains("\"max_payload\":2048")
                && info().contains("\"auth_required\":true") && userAuthenticators() == 2);
        assertEquals(2048, server.server().maxPayload);
        try (RawClient alice = login("alice", "a"); RawClient bob = login("bob", "b")) {
            assertEquals("", alice.send("SUB news 1\r\n").roundTrip());

            reloadWith("max_payload: 4096\nauthorization {\n  users: [\n    {user: alice, password: a}\n  ]\n}\n");
            Await.until("the second file applied", WAIT, () -> info().contains("\"max_payload\":4096"));

            assertEquals("-ERR 'Authorization Violation'", bob.readLine(), "bob was removed");
            assertEquals(-1, bob.socket().getInputStream().read(), "and is closed");
            assertEquals("MSG news 1 2\nhi\n", alice.send("PUB news 2\r\nhi\r\n").roundTrip(),
                    "alice is untouched and still receives");
            try (RawClient again = RawClient.connect(listener.listener().port)) {
                again.send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"b\"}\r\nPING\r\n");
                assertEquals("-ERR 'Authorization Violation'", again.readLine(), "bob cannot come back");
            }
        }
    }

    /** As nats-server 2.9.10 does (its bytes and log line): a subscription the new permissions refuse goes. */
    @Test
    void subscriptionsTheNewPermissionsRefuseAreRemoved() throws Exception {
        reloadWith("authorization {\n  users: [\n    {user: alice, password: a}\n  ]\n}\n");
        Await.until("alice exists", WAIT, () -> info().contains("\"auth_required\":true"));
        try (RawClient alice = login("alice", "a")) {
            assertEquals("", alice.send("SUB bar 1\r\nSUB foo 2\r\n").roundTrip());

            reloadWith("authorization {\n  users: [\n    {user: alice, password: a, permissions: {subscribe: foo}}\n"
                    + "  ]\n}\n");
            String line = alice.readLine();
            while (line.equals("PING")) { // the server's first ping may come first
                line = alice.send("PONG\r\n").readLine();
            }
            assertEquals("-ERR 'Permissions Violation for Subscription to \"bar\" (sid \"1\")'", line);
            assertEquals("MSG foo 2 1\ny\n", alice.send("PUB bar 1\r\nx\r\nPUB foo 1\r\ny\r\n").roundTrip(),
                    "bar is gone, foo stays");
        }
    }

    @Test
    void anInvalidFileIsRefusedAndTheRunningValuesKept() throws Exception {
        reloadWith("max_payload: 3000\n");
        Await.until("applied", WAIT, () -> server.server().maxPayload == 3000);
        reloadWith("max_payload: 5000\nno_such_key: 1\n");
        // the refusal is synchronous: nothing was written to Config Admin
        assertEquals(3000, configAdmin.getConfiguration("io.dialtone.server", "?").getProperties().get("max_payload"));
        assertEquals(3000, server.server().maxPayload);
        String info = info();
        assertTrue(info.contains("\"max_payload\":3000"), info);
    }

    @Test
    void routeListChangesLive() throws Exception {
        String binary = natsServer();
        int r1 = freePort();
        int r2 = freePort();
        try (NatsServerProcess n1 = NatsServerProcess.start(binary, "--cluster", "nats://127.0.0.1:" + r1,
                "--cluster_name", "itests");
                NatsServerProcess n2 = NatsServerProcess.start(binary, "--cluster", "nats://127.0.0.1:" + r2,
                        "--cluster_name", "itests");
                RawClient local = RawClient.connect(listener.listener().port);
                RawClient far1 = RawClient.connect(n1.port());
                RawClient far2 = RawClient.connect(n2.port())) {
            assertEquals("", local.send("CONNECT {\"verbose\":false}\r\nSUB news 1\r\n").roundTrip());
            far1.send("CONNECT {\"verbose\":false}\r\n");
            far2.send("CONNECT {\"verbose\":false}\r\n");

            reloadWith(cluster(r1));
            Await.until("a route to the first nats-server", WAIT, () -> route(r1) != null);
            RouteDTO first = route(r1);
            assertTrue(first.didSolicit && first.isConfigured, "dialled from the configured list");
            assertCrosses(n1, far1, local);

            reloadWith(cluster(r1, r2));
            Await.until("a route to the second nats-server", WAIT, () -> route(r2) != null);
            assertEquals(first.rid, route(r1).rid, "the first route stays untouched");
            assertCrosses(n2, far2, local);
            RouteDTO second = route(r2);

            reloadWith(cluster(r2));
            Await.until("the first route closed", WAIT, () -> route(r1) == null);
            assertEquals(second.rid, route(r2).rid, "the second route stays untouched");
            assertEquals(1, broker.routes().size());
            assertCrosses(n2, far2, local);
            assertEquals("", local.roundTrip(), "the local client was untouched throughout");
        }
    }

    /** The route dialled to a peer's route port, or null. */
    private RouteDTO route(int port) {
        return broker.routes().stream().filter(r -> r.port == port).findFirst().orElse(null);
    }

    /**
     * A message published at the peer reaches the local subscriber over the route (published again until the
     * peer has heard of the subscription: interest crosses the route asynchronously).
     */
    private static void assertCrosses(NatsServerProcess peer, RawClient far, RawClient local) throws Exception {
        StringBuilder got = new StringBuilder();
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                far.send("PUB news 2\r\nhi\r\n").roundTrip();
                got.append(local.roundTrip());
                return got.toString().contains("MSG news 1 2\nhi\n");
            } catch (IOException e) {
                throw new AssertionError("peer's log: " + log(peer), e);
            }
        }, () -> "the message did not cross the route; local client saw: " + got + "; peer's log: " + log(peer));
        while (!local.roundTrip().isEmpty()) {
            // drain copies published while the interest was on its way
        }
    }

    private static String log(NatsServerProcess peer) {
        try {
            return peer.log();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** nats-server, or the test is skipped with a message (failed where CI requires outside programs). */
    private static String natsServer() {
        String binary = NatsServerProcess.binary();
        if (binary == null) {
            String message = "nats-server is not installed (apt-get install -y nats-server); the route peers need it";
            if (Boolean.parseBoolean(System.getenv("DIALTONE_REQUIRE_EXTERNALS"))) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        return binary;
    }
}
