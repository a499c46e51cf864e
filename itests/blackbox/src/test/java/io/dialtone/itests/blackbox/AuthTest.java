package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dialtone.itests.support.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authentication as nats-server does it (token, user/password, bcrypt, nkeys), each scenario against Dialtone and the
 * reference nats-server (it.servers selects), with jnats and on the raw wire.
 */
class AuthTest extends DistributionTest {

    private static Options.Builder options(ServerUnderTest s) {
        // jnats waits out the connection timeout after an authorization refusal: keep it short
        return new Options.Builder().server(s.url()).connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0);
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

    /** A config file with one nkey user: {@code authorization { users: [ {nkey: U...} ] }}. */
    private static Path nkeyConfig(NKey user) throws Exception {
        Path conf = Files.createTempFile("auth-nkey", ".conf");
        Files.writeString(conf, "authorization {\n  users: [\n    {nkey: " + new String(user.getPublicKey())
                + "}\n  ]\n}\n");
        return conf;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void nkeyUserFromAConfigFile(String name) throws Exception {
        NKey user = NKey.createUser(null);
        NKey stranger = NKey.createUser(null);
        Path conf = nkeyConfig(user);
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString())) {
            try (Connection nc = Nats.connect(options(s).authHandler(Nats.staticCredentials(null, user.getSeed()))
                    .build())) {
                pubSubWorks(nc);
            }
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> Nats.connect(
                    options(s).authHandler(Nats.staticCredentials(null, stranger.getSeed())).build()));
            assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());
            assertThrows(AuthenticationException.class, () -> Nats.connect(options(s).build()));
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    /** nkeys on the wire: a 15-character nonce in INFO, signed as raw-URL or standard base64; a bad signature closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void nkeyWire(String name) throws Exception {
        NKey user = NKey.createUser(null);
        NKey stranger = NKey.createUser(null);
        String pub = new String(user.getPublicKey());
        Path conf = nkeyConfig(user);
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString())) {
            for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getUrlEncoder().withoutPadding(),
                    Base64.getEncoder()}) {
                try (RawClient c = RawClient.connect(s.port())) {
                    assertTrue(c.info.contains("\"auth_required\":true"), c.info);
                    String nonce = nonce(c.info);
                    assertEquals(15, nonce.length(), c.info);
                    String sig = encoder.encodeToString(user.sign(nonce.getBytes(StandardCharsets.UTF_8)));
                    String seen = c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + pub + "\",\"sig\":\"" + sig
                            + "\"}\r\nSUB a 1\r\nPUB a 2\r\nhi\r\n").roundTrip();
                    assertEquals("MSG a 1 2\nhi\n", seen);
                }
            }
            try (RawClient c = RawClient.connect(s.port())) {
                String nonce = nonce(c.info);
                String sig = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(stranger.sign(nonce.getBytes(StandardCharsets.UTF_8)));
                c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + pub + "\",\"sig\":\"" + sig + "\"}\r\nPING\r\n");
                assertEquals("-ERR 'Authorization Violation'", c.readLine());
                assertEquals(-1, c.socket().getInputStream().read());
            }
            try (RawClient c = RawClient.connect(s.port()); RawClient d = RawClient.connect(s.port())) {
                assertNotEquals(nonce(c.info), nonce(d.info), "a fresh nonce for each client");
            }
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    private static String nonce(String info) {
        Matcher m = Pattern.compile("\"nonce\":\"([^\"]*)\"").matcher(info);
        assertTrue(m.find(), info);
        return m.group(1);
    }

    /** The raw wire: INFO says auth_required, anything before CONNECT is refused, and the violation closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void wire(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "--user", "alice", "--pass", "s3cret")) {
            try (RawClient c = RawClient.connect(s.port())) {
                assertTrue(c.info.contains("\"auth_required\":true"), c.info);
                assertFalse(c.info.contains("\"nonce\""), "a nonce only with nkey users: " + c.info);
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
