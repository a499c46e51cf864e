package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.Permissions;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pieces a client connection is split into, each through real sockets: the connection (PING/PONG, stale
 * detection, close reasons), its admission (CONNECT checks, authentication into an account with permissions), its
 * publish path (pedantic subjects, mappings, permissions, no-responders, echo) and the delivery loop (queue groups,
 * auto-unsubscribe, stream imports).
 */
class ClientSessionTest extends KernelTest {

    private RawClient client() throws Exception {
        kernel();
        return RawClient.connect(kernel.clientPort);
    }

    /** The reason /connz gives for the closed connection named {@code name}. */
    private String closedReason(String name) throws InterruptedException {
        Await.until("the connection closed", WAIT, () -> kernel.broker.closedConnections().stream()
                .anyMatch(c -> name.equals(c.name)));
        return kernel.broker.closedConnections().stream().filter(c -> name.equals(c.name)).findFirst()
                .map(c -> c.reason).orElseThrow();
    }

    // ---------------------------------------------------------------- Connection

    @Test
    void aPingIsAnsweredAndAStaleClientIsClosed() throws Exception {
        kernel = new Kernel(Kernel.settings(1 << 20, s -> {
            s.pingIntervalMillis = 50;
            s.pingMax = 1;
        }));
        try (RawClient c = client()) {
            c.send("CONNECT {\"verbose\":false,\"name\":\"stale\"}\r\nPING\r\n");
            String line;
            boolean pong = false;
            do { // never answering the server's PINGs
                line = c.readLine();
                pong |= line.equals("PONG");
            } while (line.equals("PING") || line.equals("PONG"));
            assertTrue(pong, "our PING was answered");
            assertEquals("-ERR 'Stale Connection'", line);
            assertEquals(-1, c.socket().getInputStream().read(), "closed after the -ERR");
        }
        assertEquals("Stale Connection", closedReason("stale"));
    }

    // ---------------------------------------------------------------- Admission

    @Test
    void connectChecksCloseWithNatsServersErrors() throws Exception {
        try (RawClient c = client()) {
            c.send("CONNECT {\"protocol\":2,\"name\":\"p2\"}\r\n");
            assertEquals("-ERR 'invalid client protocol'", c.readLine());
        }
        assertEquals("Bad Client Protocol Version", closedReason("p2"));
        try (RawClient c = client()) {
            c.send("CONNECT {\"no_responders\":true,\"headers\":false,\"name\":\"nr\"}\r\n");
            assertEquals("-ERR 'no responders requires headers support'", c.readLine());
        }
        assertEquals("No Responders Requires Headers", closedReason("nr"));
        try (RawClient c = client()) {
            c.send("CONNECT {\"account\":\"A\",\"name\":\"acc\"}\r\n");
            assertEquals("-ERR 'Authorization Violation'", c.readLine());
        }
        assertEquals("Authentication Failure", closedReason("acc"));
        try (RawClient c = client()) {
            c.send("CONNECT {\"verbose\":true}\r\nSUB a 1\r\n");
            assertEquals("+OK", c.readLine());
            assertEquals("+OK", c.readLine());
        }
    }

    @Test
    void anAuthenticatorAdmitsIntoAnAccountWithPermissions() throws Exception {
        Authenticator auth = attempt -> "alice".equals(attempt.user()) && "pw".equals(attempt.password())
                ? AuthDecision.allow("alice", "A", Permissions.of(List.of("ok.>"), null, null, List.of("secret"), null))
                : AuthDecision.deny("bad password");
        client().close();
        kernel.broker.authenticators = List.of(Map.entry(Map.of("service.id", 1L), auth));
        try (RawClient bad = client()) {
            assertTrue(bad.info.contains("\"auth_required\":true"), bad.info);
            bad.send("CONNECT {\"user\":\"alice\",\"pass\":\"nope\",\"name\":\"bad\"}\r\n");
            assertEquals("-ERR 'Authorization Violation'", bad.readLine());
        }
        assertEquals("Authentication Failure", closedReason("bad"));
        try (RawClient alice = client()) {
            alice.send("CONNECT {\"user\":\"alice\",\"pass\":\"pw\",\"verbose\":false}\r\nSUB ok.x 1\r\n"
                    + "SUB secret 2\r\nPUB ok.x 2\r\nhi\r\nPUB no 2\r\nhi\r\n");
            assertEquals("-ERR 'Permissions Violation for Subscription to \"secret\"'", alice.readLine());
            assertEquals("MSG ok.x 1 2", alice.readLine());
            assertEquals("hi", alice.readLine());
            assertEquals("-ERR 'Permissions Violation for Publish to \"no\"'", alice.readLine());
            ConnectionDTO dto = kernel.broker.connections().stream().filter(c -> "A".equals(c.account)).findFirst()
                    .orElseThrow();
            assertEquals(1, dto.subscriptions);
        }
    }

    // ---------------------------------------------------------------- Publishing and Deliveries

    @Test
    void pedanticMappedAndNoRespondersPublishes() throws Exception {
        client().close();
        kernel.broker.accounts.addMapping(new Accounts.Mapping(null, 0, SubjectMapping.of("old.*",
                List.of(new SubjectMapping.Destination("new.{{wildcard(1)}}", 100)))));
        try (RawClient c = client()) {
            c.send("CONNECT {\"verbose\":false,\"pedantic\":true,\"headers\":true,\"no_responders\":true}\r\n"
                    + "SUB new.> 1\r\nSUB _INBOX.1 2\r\nPUB bad.* 0\r\n\r\nPUB old.a 1\r\nx\r\n"
                    + "PUB nobody _INBOX.1 0\r\n\r\n");
            assertEquals("-ERR 'Invalid Publish Subject'", c.readLine());
            assertEquals("MSG new.a 1 1", c.readLine());
            assertEquals("x", c.readLine());
            assertEquals("HMSG _INBOX.1 2 16 16", c.readLine());
            assertEquals("NATS/1.0 503", c.readLine());
        }
    }

    @Test
    void echoOffQueueGroupsAutoUnsubscribeAndStreamImports() throws Exception {
        client().close();
        kernel.broker.accounts.addImport(new Account.Import("$G", "B", true, "feed.>", "imported.>", "singleton"));
        try (RawClient me = client(); RawClient q1 = client(); RawClient q2 = client(); RawClient pub = client()) {
            me.send("CONNECT {\"verbose\":false,\"echo\":false}\r\nSUB self 1\r\nSUB imported.> 2\r\n"
                    + "SUB once 3\r\nUNSUB 3 1\r\n").roundTrip();
            q1.send(CONNECT + "SUB work g 1\r\n").roundTrip();
            q2.send(CONNECT + "SUB work g 1\r\n").roundTrip();
            InProcessClient b = kernel.broker.connectInProcess("B", "feed", x -> { });
            b.publish("feed.one", null, (byte[]) null, "f".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("MSG imported.one 2 1\nf\n", me.roundTrip(), "the stream import, renamed");
            StringBuilder work = new StringBuilder(CONNECT + "PUB once 1\r\n1\r\nPUB once 1\r\n2\r\n");
            for (int i = 0; i < 100; i++) {
                work.append("PUB work 1\r\nw\r\n");
            }
            pub.send(work.toString()).roundTrip(); // its deliveries are appended before its PONG
            assertEquals("MSG once 3 1\n1\n", me.send("PUB self 1\r\nx\r\n").roundTrip(),
                    "once only once, and no echo of its own message");
            Await.until("100 queue deliveries", WAIT,
                    () -> kernel.broker.connections().stream().mapToLong(c -> c.outMsgs).sum() >= 102);
            long q = kernel.broker.connections().stream().filter(c -> c.subscriptionsList.length == 1
                    && c.subscriptionsList[0].equals("work g")).mapToLong(c -> c.outMsgs).sum();
            assertEquals(100, q, "each queue message to one member");
        }
    }
}
