package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Permissions as nats-server 2.9.10 applies them, each scenario against Dialtone and nats-server (it.servers selects)
 * with the same expected bytes: publish and subscribe allow/deny lists, queue entries, the deny filter on wildcard
 * subscriptions, allow_responses, default_permissions and no_auth_user.
 */
class PermissionsTest extends DistributionTest {

    private static Path conf;

    @BeforeAll
    static void writeConfig() throws Exception {
        conf = configFile("permissions",
                "no_auth_user: guest",
                "authorization {",
                "  default_permissions: { publish: \"pub.>\", subscribe: [\"sub.>\"] }",
                "  users: [",
                "    {user: guest, password: g}",
                "    {user: subq, password: p, permissions: {subscribe: {allow: [\"foo\", \"bar q1\", \"baz.*\","
                        + " \"jobs v1.*\"], deny: [\"baz.secret\", \"jobs v1.bad\"]}}}",
                "    {user: pubber, password: p, permissions: {publish: {allow: [\"a.>\", \"b\"], deny: \"a.secret\"},"
                        + " subscribe: \">\"}}",
                "    {user: svc, password: p, permissions: {publish: {deny: \">\"}, subscribe: \"req\","
                        + " allow_responses: {max: 2}}}",
                "    {user: any, password: p, permissions: {publish: \">\", subscribe: \">\"}}",
                "  ]",
                "}");
    }

    @AfterAll
    static void removeConfig() throws Exception {
        Files.deleteIfExists(conf);
    }

    private static RawClient login(ServerUnderTest s, String user, boolean verbose) throws Exception {
        String credentials = user == null ? "" : ",\"user\":\"" + user + "\",\"pass\":\"" + (user.equals("guest")
                ? "g" : "p") + "\"";
        RawClient c = rawLogin(s, "{\"verbose\":" + verbose + ",\"headers\":true,\"protocol\":1" + credentials + "}");
        // as nats-server: with a no_auth_user, INFO does not ask for credentials
        assertFalse(c.info.contains("auth_required"), c.info);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void subscribeAllowDenyAndQueueEntries(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient c = login(s, "subq", true)) {
            String seen = c.send("SUB foo 1\r\nSUB foo q 2\r\nSUB bar 3\r\nSUB bar q1 4\r\nSUB bar q2 5\r\n"
                    + "SUB baz.* 6\r\nSUB baz.> 7\r\nSUB x 8\r\nSUB baz.secret 9\r\nSUB jobs v1.a 10\r\n"
                    + "SUB jobs v1.bad 11\r\nSUB jobs 12\r\n").roundTrip();
            assertEquals(String.join("\n",
                    "+OK", "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"bar\"'",
                    "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"bar\" using queue \"q2\"'",
                    "+OK", "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"x\"'",
                    "-ERR 'Permissions Violation for Subscription to \"baz.secret\"'",
                    "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"jobs\" using queue \"v1.bad\"'",
                    "-ERR 'Permissions Violation for Subscription to \"jobs\"'", ""), seen);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void publishAllowAndDeny(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient c = login(s, "pubber", true)) {
            String seen = c.send("SUB > 1\r\nPUB a.x 1\r\n1\r\nPUB a.secret 1\r\n2\r\nPUB b 1\r\n3\r\n"
                    + "PUB c 1\r\n4\r\nPUB a 1\r\n5\r\nPUB a.y.z 1\r\n6\r\n").roundTrip();
            assertEquals(String.join("\n",
                    "+OK", "+OK", "MSG a.x 1 1", "1",
                    "-ERR 'Permissions Violation for Publish to \"a.secret\"'",
                    "+OK", "MSG b 1 1", "3",
                    "-ERR 'Permissions Violation for Publish to \"c\"'",
                    "-ERR 'Permissions Violation for Publish to \"a\"'",
                    "+OK", "MSG a.y.z 1 1", "6", ""), seen);
            // the connection stays open after violations
            assertEquals("+OK\n", c.send("SUB b 2\r\n").roundTrip());
        }
    }

    /** A wildcard subscription that covers a denied subject does not receive messages on it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void denyFilterOnWildcardSubscriptions(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient sub = login(s, "subq", false);
                RawClient pub = login(s, "any", false)) {
            assertEquals("", sub.send("SUB baz.* 1\r\n").roundTrip());
            assertEquals("", pub.send("PUB baz.secret 1\r\ns\r\nPUB baz.open 1\r\no\r\n").roundTrip());
            assertEquals("MSG baz.open 1 1\no\n", sub.roundTrip());
        }
    }

    /** allow_responses {max: 2}: a responder that may publish nothing answers a request twice, not three times. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void allowResponses(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient svc = login(s, "svc", false);
                RawClient requester = login(s, "any", false)) {
            assertEquals("", svc.send("SUB req 1\r\n").roundTrip());
            assertEquals("", requester.send("SUB _INBOX.r1 9\r\nPUB req _INBOX.r1 1\r\nq\r\n").roundTrip());
            assertEquals("MSG req 1 _INBOX.r1 1\nq\n", svc.roundTrip());
            assertEquals(String.join("\n",
                    "-ERR 'Permissions Violation for Publish to \"_INBOX.r1\"'",
                    "-ERR 'Permissions Violation for Publish to \"other\"'", ""),
                    svc.send("PUB _INBOX.r1 1\r\n1\r\nPUB _INBOX.r1 1\r\n2\r\nPUB _INBOX.r1 1\r\n3\r\n"
                            + "PUB other 1\r\nx\r\n").roundTrip());
            assertEquals("MSG _INBOX.r1 9 1\n1\nMSG _INBOX.r1 9 1\n2\n", requester.roundTrip());
            assertEquals("-ERR 'Permissions Violation for Publish to \"_INBOX.never\"'\n",
                    svc.send("PUB _INBOX.never 1\r\nx\r\n").roundTrip());
        }
    }

    /** no_auth_user: a client without credentials is the named user, with its (here the default) permissions. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void noAuthUserWithDefaultPermissions(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient c = login(s, null, true)) {
            String seen = c.send("SUB sub.a 1\r\nSUB pub.a 2\r\nPUB pub.a 1\r\n1\r\nPUB sub.a 1\r\n2\r\n").roundTrip();
            assertEquals(String.join("\n",
                    "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"pub.a\"'",
                    "+OK",
                    "-ERR 'Permissions Violation for Publish to \"sub.a\"'", ""), seen);
        }
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient c = RawClient.connect(s.port())) {
            c.send("CONNECT {\"verbose\":false,\"user\":\"guest\",\"pass\":\"wrong\"}\r\nPING\r\n");
            assertEquals("-ERR 'Authorization Violation'", c.readLine(), "credentials given are checked");
        }
    }

    /** jnats reports a violation through its error listener; the connection stays and keeps working. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jnatsSeesTheViolation(String name) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                Connection nc = Nats.connect(new Options.Builder().server(s.url()).userInfo("pubber", "p")
                        .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0)
                        .errorListener(new ErrorListener() {
                            @Override
                            public void errorOccurred(Connection conn, String error) {
                                errors.add(error);
                            }
                        }).build())) {
            var sub = nc.subscribe("a.>");
            nc.publish("a.secret", "no".getBytes());
            nc.publish("a.ok", "yes".getBytes());
            assertEquals("yes", new String(sub.nextMessage(Duration.ofSeconds(10)).getData()));
            Await.until("the violation reported", Duration.ofSeconds(10), () -> !errors.isEmpty());
            assertEquals("Permissions Violation for Publish to \"a.secret\"", errors.get(0));
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        }
    }
}
