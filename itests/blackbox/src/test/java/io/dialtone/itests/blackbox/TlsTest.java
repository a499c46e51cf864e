package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.Lines;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS on the client port as nats-server 2.9.10 does it, each scenario against Dialtone and the reference nats-server
 * (it.servers selects): INFO in plain text with tls_required, then the handshake; mutual TLS; verify_and_map; the
 * handshake timeout. Certificates come from {@link TestCertificates}.
 */
class TlsTest extends DistributionTest {

    private static String pem(String name) throws Exception {
        return TestCertificates.file(name).toString();
    }

    private static String[] tlsFlags() throws Exception {
        return new String[] {"--tlscert", pem("server.pem"), "--tlskey", pem("server-key.pem")};
    }

    private static Options.Builder options(ServerUnderTest s) {
        return new Options.Builder().server(s.url()).connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0);
    }

    private static Options.Builder tls(ServerUnderTest s, String client) throws Exception {
        return options(s).sslContext(TestCertificates.clientContext(client));
    }

    private static void pubSubWorks(Connection nc) throws Exception {
        var sub = nc.subscribe("tls.test");
        nc.publish("tls.test", "secret".getBytes(StandardCharsets.UTF_8));
        assertEquals("secret", new String(sub.nextMessage(Duration.ofSeconds(10)).getData(), StandardCharsets.UTF_8));
    }

    private static Path conf(String name, String text) throws IOException {
        return Files.writeString(dialtone.home.resolve(name), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aTlsClientConnectsAndTheGreetingSaysTlsRequired(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, tlsFlags())) {
            String info = Nats.greeting(s.port());
            assertTrue(info.contains("\"tls_required\":true,\"max_payload\""), info);
            assertFalse(info.contains("tls_verify"), info);
            try (Connection nc = io.nats.client.Nats.connect(tls(s, null).build())) {
                pubSubWorks(nc);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aPlainClientIsRefused(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, tlsFlags())) {
            java.util.List<Exception> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
            io.nats.client.ErrorListener listener = new io.nats.client.ErrorListener() {
                @Override
                public void exceptionOccurred(Connection conn, Exception exp) {
                    reported.add(exp);
                }
            };
            assertThrows(IOException.class, () -> io.nats.client.Nats.connect(options(s).errorListener(listener).build()));
            assertTrue(reported.stream().anyMatch(x -> String.valueOf(x.getMessage()).contains("SSL required by server")),
                    reported::toString);
            // on the wire: the INFO in plain text, then a CONNECT in plain text ends the connection without a word
            try (Socket raw = new Socket("127.0.0.1", s.port())) {
                raw.setSoTimeout(10_000);
                InputStream in = raw.getInputStream();
                assertTrue(Lines.read(in).startsWith("INFO {"));
                raw.getOutputStream().write("CONNECT {}\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, in.read(), "the server closes without sending anything");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aClientThatNeverStartsTlsIsClosedAfterTheHandshakeTimeout(String name) throws Exception {
        Path c = conf("timeout-" + name + ".conf", "tls { cert_file: \"" + pem("server.pem") + "\", key_file: \""
                + pem("server-key.pem") + "\", timeout: 0.5 }\n");
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", c.toString())) {
            try (Socket raw = new Socket("127.0.0.1", s.port())) {
                raw.setSoTimeout(10_000);
                InputStream in = raw.getInputStream();
                assertTrue(Lines.read(in).startsWith("INFO {"));
                long start = System.nanoTime();
                assertEquals(-1, in.read(), "closed without a word");
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 300 && ms < 5_000, "closed after " + ms + " ms, timeout 0.5 s");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void mutualTlsAdmitsAClientWithACertificateAndRefusesOneWithout(String name) throws Exception {
        String[] flags = Stream.concat(Stream.of(tlsFlags()), Stream.of("--tlsverify", "--tlscacert", pem("ca.pem")))
                .toArray(String[]::new);
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, flags)) {
            String info = Nats.greeting(s.port());
            assertTrue(info.contains("\"tls_required\":true,\"tls_verify\":true,\"max_payload\""), info);
            try (Connection nc = io.nats.client.Nats.connect(tls(s, "alice").build())) {
                pubSubWorks(nc);
            }
            assertThrows(IOException.class, () -> io.nats.client.Nats.connect(tls(s, null).build()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void verifyAndMapTakesTheUserFromTheCertificate(String name) throws Exception {
        Path c = conf("map-" + name + ".conf", "tls {\n  cert_file: \"" + pem("server.pem") + "\"\n  key_file: \""
                + pem("server-key.pem") + "\"\n  ca_file: \"" + pem("ca.pem") + "\"\n  verify_and_map: true\n}\n"
                + "authorization {\n  users = [\n    {user: \"alice@example.com\"}\n    {user: \""
                + TestCertificates.BOB_DN + "\"}\n  ]\n}\n");
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", c.toString())) {
            String info = Nats.greeting(s.port());
            assertTrue(info.contains("\"auth_required\":true,\"tls_required\":true,\"tls_verify\":true"), info);
            try (Connection nc = io.nats.client.Nats.connect(tls(s, "alice").build())) { // by e-mail SAN
                pubSubWorks(nc);
            }
            try (Connection nc = io.nats.client.Nats.connect(tls(s, "bob").build())) { // by subject DN
                pubSubWorks(nc);
            }
            // a name and password in CONNECT do not help a certificate no user matches
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> io.nats.client.Nats
                    .connect(tls(s, "carol").userInfo("alice@example.com", "").build()));
            assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());
        }
    }

    @Test
    void handshakeFirstStartsTlsBeforeTheInfo() throws Exception {
        // nats-server 2.10's handshake_first; 2.9.10 does not have it, so Dialtone alone
        Path c = conf("first.conf", "tls { cert_file: \"" + pem("server.pem") + "\", key_file: \""
                + pem("server-key.pem") + "\", handshake_first: true }\n");
        try (ServerUnderTest s = ServerUnderTest.dialtone(dialtone, "-c", c.toString())) {
            try (Connection nc = io.nats.client.Nats.connect(tls(s, null).tlsFirst().build())) {
                pubSubWorks(nc);
            }
            SSLContext ctx = TestCertificates.clientContext(null);
            try (Socket raw = ctx.getSocketFactory().createSocket("127.0.0.1", s.port())) {
                raw.setSoTimeout(10_000);
                assertTrue(Lines.read(raw.getInputStream()).contains("\"tls_required\":true"));
            }
        }
    }

    @Test
    void aTlsBlockWithoutKeyIsRefusedWithNatsServersMessage() throws Exception {
        Path c = conf("nokey.conf", "tls {\n  cert_file: \"" + pem("server.pem") + "\"\n}\n");
        Dialtone.Finished f = dialtone.run("-t", "-c", c.toString());
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("missing 'key_file' in TLS configuration"), f.stderr());
        Path unknown = conf("unknowntls.conf", "tls {\n  cert_file: \"" + pem("server.pem") + "\"\n  key_file: \""
                + pem("server-key.pem") + "\"\n  bogus: 1\n}\n");
        f = dialtone.run("-t", "-c", unknown.toString());
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("error parsing tls config, unknown field [\"bogus\"]"), f.stderr());
    }
}
