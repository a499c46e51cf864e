package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dialtone.itests.support.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authentication as nats-server does it (token, user/password, bcrypt), each scenario against Dialtone and the
 * reference nats-server (it.servers selects), with jnats and on the raw wire.
 */
class AuthTest extends DistributionTest {

    static Stream<String> servers() {
        return DifferentialServers.selected();
    }

    private static Options.Builder options(ServerUnderTest s) {
        return new Options.Builder().server(s.url()).connectionTimeout(Duration.ofSeconds(10)).maxReconnects(0);
    }

    private static void pubSubWorks(Connection nc) throws Exception {
        var sub = nc.subscribe("auth.test");
        nc.publish("auth.test", "hi".getBytes());
        assertEquals("hi", new String(sub.nextMessage(Duration.ofSeconds(10)).getData()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void userAndPasswordFromFlags(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "--user", "alice", "--pass", "s3cret")) {
            try (Connection nc = Nats.connect(options(s).userInfo("alice", "s3cret").build())) {
                pubSubWorks(nc);
            }
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Nats.connect(options(s).userInfo("alice", "wrong").build()));
            assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());
            assertThrows(AuthenticationException.class, () -> Nats.connect(options(s).build()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void tokenFromFlags(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "--auth", "t0ken")) {
            try (Connection nc = Nats.connect(options(s).token("t0ken".toCharArray()).build())) {
                pubSubWorks(nc);
            }
            assertThrows(AuthenticationException.class,
                    () -> Nats.connect(options(s).token("nope".toCharArray()).build()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void bcryptUsersFromAConfigFile(String name) throws Exception {
        String hash = BCrypt.withDefaults().hashToString(6, "pw-bob".toCharArray());
        Path conf = Files.createTempFile("auth", ".conf");
        Files.writeString(conf, "authorization {\n  users: [\n    {user: bob, password: \"" + hash + "\"}\n"
                + "    {user: carol, password: plain-carol}\n  ]\n}\n");
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString())) {
            try (Connection nc = Nats.connect(options(s).userInfo("bob", "pw-bob").build())) {
                pubSubWorks(nc);
            }
            try (Connection nc = Nats.connect(options(s).userInfo("carol", "plain-carol").build())) {
                pubSubWorks(nc);
            }
            assertThrows(AuthenticationException.class,
                    () -> Nats.connect(options(s).userInfo("bob", "wrong").build()));
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    /** The raw wire: INFO says auth_required, anything before CONNECT is refused, and the violation closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void wire(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "--user", "alice", "--pass", "s3cret")) {
            try (RawClient c = RawClient.connect(s.port())) {
                assertTrue(c.info.contains("\"auth_required\":true"), c.info);
                c.send("PING\r\n");
                assertEquals("-ERR 'Authorization Violation'", c.readLine());
                assertEquals(-1, c.socket().getInputStream().read());
            }
            try (RawClient c = RawClient.connect(s.port())) {
                c.send("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"bad\"}\r\nPING\r\n");
                assertEquals("-ERR 'Authorization Violation'", c.readLine());
                assertEquals(-1, c.socket().getInputStream().read());
            }
            try (RawClient c = RawClient.connect(s.port())) {
                // operations pipelined behind the CONNECT wait for the decision, then run
                String seen = c.send("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"s3cret\"}\r\n"
                        + "SUB a 1\r\nPUB a 2\r\nhi\r\n").roundTrip();
                assertEquals("MSG a 1 2\nhi\n", seen);
            }
            try (RawClient c = RawClient.connect(s.port())) {
                assertEquals("-ERR 'Authentication Timeout'", c.readLine()); // nothing sent: the 2 s auth timeout
                assertEquals(-1, c.socket().getInputStream().read());
            }
        }
    }
}
