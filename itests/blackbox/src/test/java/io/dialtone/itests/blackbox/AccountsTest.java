package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.RawClient;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accounts as nats-server 2.9.10 has them, each scenario against Dialtone and nats-server (it.servers selects): an
 * account's messages stay in it; an exported stream arrives under its import's prefix; an exported service is reached
 * through its import, with the reply routed back (once for a singleton, repeatedly for a stream response).
 */
class AccountsTest extends DistributionTest {

    private static Path conf;

    @BeforeAll
    static void writeConfig() throws Exception {
        conf = configFile("accounts",
                "accounts {",
                "  A: {",
                "    users: [{user: a, password: a}]",
                "    exports: [{stream: \"orders.>\"}, {service: \"help.time\"}, {service: \"feed\", response: stream}]",
                "  }",
                "  B: {",
                "    users: [{user: b, password: b}]",
                "    imports: [",
                "      {stream: {account: A, subject: \"orders.>\"}, prefix: from_a}",
                "      {service: {account: A, subject: \"help.time\"}, to: time}",
                "      {service: {account: A, subject: \"feed\"}}",
                "    ]",
                "  }",
                "  C: { users: [{user: c, password: c}] }",
                "}");
    }

    @AfterAll
    static void removeConfig() throws Exception {
        Files.deleteIfExists(conf);
    }

    private static RawClient login(ServerUnderTest s, String user) throws Exception {
        return login(s, user, false);
    }

    private static RawClient login(ServerUnderTest s, String user, boolean headers) throws Exception {
        RawClient c = rawLogin(s, "{\"verbose\":false,\"headers\":" + headers + ",\"protocol\":1,\"user\":\"" + user
                + "\",\"pass\":\"" + user + "\"}");
        assertTrue(c.info.contains("\"auth_required\":true"), c.info);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void accountsAreIsolated(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient a = login(s, "a"); RawClient a2 = login(s, "a"); RawClient c = login(s, "c");
                RawClient c2 = login(s, "c")) {
            a.send("SUB > 1\r\n").roundTrip();
            c2.send("SUB > 1\r\n").roundTrip();
            c.send("PUB news 1\r\nc\r\n").roundTrip();
            assertEquals("MSG news 1 1\nc\n", c2.roundTrip(), "the same account sees it");
            assertEquals("", a.roundTrip(), "A does not see C's message");
            a2.send("PUB a.only 1\r\na\r\n").roundTrip();
            assertEquals("MSG a.only 1 1\na\n", a.roundTrip());
            assertEquals("", c2.roundTrip(), "C does not see A's");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void anExportedStreamArrivesUnderTheImportPrefix(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient a = login(s, "a"); RawClient b = login(s, "b"); RawClient b2 = login(s, "b");
                RawClient c = login(s, "c")) {
            b.send("SUB from_a.orders.> 1\r\nSUB orders.> 2\r\n").roundTrip();
            c.send("SUB > 1\r\n").roundTrip();
            a.send("PUB orders.1 2\r\no1\r\nPUB other 1\r\nx\r\n").roundTrip();
            assertEquals("MSG from_a.orders.1 1 2\no1\n", b.roundTrip());
            assertEquals("", c.roundTrip(), "C imports nothing");
            b2.send("PUB orders.2 1\r\nb\r\n").roundTrip();
            assertEquals("MSG orders.2 2 1\nb\n", b.roundTrip(), "B's own orders.2 stays in B");
        }
    }

    private static final Pattern MSG = Pattern.compile("MSG feed 1 (_R_\\.\\w{6}\\.\\w{6}) 1\n\\?\n");
    /** An imported request to a client with headers: nats-server adds who asks (rtt masked). */
    private static final Pattern HMSG = Pattern.compile("HMSG help\\.time 1 (_R_\\.\\w{6}\\.\\w{6}) \\d+ \\d+\n"
            + "NATS/1\\.0\nNats-Request-Info: \\{\"acc\":\"B\",\"rtt\":\\d+\\}\n\nt\\?\n");

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void anImportedServiceIsAnsweredThroughItsReplyOnce(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient a = login(s, "a", true); RawClient b = login(s, "b")) {
            a.send("SUB help.time 1\r\n").roundTrip();
            b.send("SUB _INBOX.b 7\r\nPUB time _INBOX.b 2\r\nt?\r\n").roundTrip();
            String request = a.roundTrip();
            Matcher m = HMSG.matcher(request);
            assertTrue(m.matches(), request);
            String reply = m.group(1);
            a.send("PUB " + reply + " 2\r\n12\r\nPUB " + reply + " 2\r\n13\r\n").roundTrip();
            assertEquals("MSG _INBOX.b 7 2\n12\n", b.roundTrip(), "a singleton response arrives once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aStreamResponseServiceAnswersMoreThanOnce(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient a = login(s, "a"); RawClient b = login(s, "b")) {
            a.send("SUB feed 1\r\n").roundTrip();
            b.send("SUB _INBOX.f 3\r\nPUB feed _INBOX.f 1\r\n?\r\n").roundTrip();
            String request = a.roundTrip();
            Matcher m = MSG.matcher(request);
            assertTrue(m.matches(), request);
            a.send("PUB " + m.group(1) + " 1\r\n1\r\nPUB " + m.group(1) + " 1\r\n2\r\n").roundTrip();
            assertEquals("MSG _INBOX.f 3 1\n1\nMSG _INBOX.f 3 1\n2\n", b.roundTrip());
        }
    }

    /** jnats on both sides: a request from B through its import is answered by a responder in A. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jnatsRequestThroughAnImport(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                Connection a = Nats.connect(options(s, "a")); Connection b = Nats.connect(options(s, "b"))) {
            a.createDispatcher(msg -> a.publish(msg.getReplyTo(), ("now:" + new String(msg.getData())).getBytes()))
                    .subscribe("help.time");
            a.flush(Duration.ofSeconds(5));
            Message answer = b.request("time", "b".getBytes(), Duration.ofSeconds(10));
            assertEquals("now:b", new String(answer.getData()));
        }
    }

    private static Options options(ServerUnderTest s, String user) {
        return new Options.Builder().server(s.url()).userInfo(user, user).connectionTimeout(Duration.ofSeconds(3))
                .maxReconnects(0).build();
    }
}
