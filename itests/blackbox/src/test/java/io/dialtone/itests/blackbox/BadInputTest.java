package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.RawClient;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input before CONNECT, against Dialtone and nats-server (it.servers selects) with user/password authentication:
 * each kind ends with nats-server's error and a close, and a flood of them does not stop an authenticated client.
 */
class BadInputTest extends DistributionTest {

    private static final String[] AUTH = {"--user", "u", "--pass", "p"};

    /** Sends {@code input} right after the INFO; returns the first line answered, after checking the server closes. */
    private static String answerAndClose(ServerUnderTest s, byte[] input) throws IOException {
        try (RawClient c = RawClient.connect(s.port())) {
            c.send(input);
            String line = c.readLine();
            try {
                c.drainToEnd(); // nats-server may reset rather than close when input is left unread
            } catch (SocketException reset) {
                // closed too
            }
            return line;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] oversizeConnect() {
        return bytes("CONNECT {\"user\":\"u\",\"pass\":\"p\",\"name\":\"" + "x".repeat(10_000) + "\"}\r\nPING\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void eachKindEndsWithTheErrorAndAClose(String name) throws Exception {
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, AUTH)) {
            assertEquals("-ERR 'Authorization Violation'", answerAndClose(s, bytes("GARBAGE\r\n")));
            assertEquals("-ERR 'Authorization Violation'", answerAndClose(s, new byte[] {0, 1, 2, (byte) 0xff}));
            assertEquals("-ERR 'Authorization Violation'",
                    answerAndClose(s, bytes("CONNECT {\"user\":\"u\",\"pass\":\"wrong\"}\r\nPING\r\n")));
            assertEquals("-ERR 'maximum control line exceeded'", answerAndClose(s, oversizeConnect()));
            assertEquals("-ERR 'Authentication Timeout'", answerAndClose(s, bytes("CONNECT {\"user\":")),
                    "a CONNECT never finished");
        }
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone)) {
            assertEquals("-ERR 'Unknown Protocol Operation'", answerAndClose(s, bytes("GARBAGE\r\n")));
            assertEquals("-ERR 'maximum control line exceeded'", answerAndClose(s, oversizeConnect()));
        }
    }

    /**
     * 4 threads send 600 bad connections (wrong password, garbage, oversize CONNECT) while an authenticated client
     * keeps answering its own requests: every bad one gets its error and is closed, every request is answered.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aFloodDoesNotStopAnAuthenticatedClient(String name) throws Exception {
        byte[][] kinds = {bytes("CONNECT {\"user\":\"u\",\"pass\":\"wrong\"}\r\nPING\r\n"), bytes("GARBAGE\r\n"),
            oversizeConnect()};
        String[] expected = {"-ERR 'Authorization Violation'", "-ERR 'Authorization Violation'",
            "-ERR 'maximum control line exceeded'"};
        ExecutorService flood = Executors.newFixedThreadPool(4);
        AtomicBoolean flooding = new AtomicBoolean(true);
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, AUTH);
                Connection nc = Nats.connect(new Options.Builder().server(s.url()).userInfo("u", "p")
                        .connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0).build())) {
            nc.createDispatcher(m -> nc.publish(m.getReplyTo(), m.getData())).subscribe("echo");
            nc.flush(Duration.ofSeconds(5));
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(flood.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        int k = i % kinds.length;
                        assertEquals(expected[k], answerAndClose(s, kinds[k]));
                    }
                    return null;
                }));
            }
            int answered = 0;
            while (flooding.get()) {
                Message m = nc.request("echo", ("r" + answered).getBytes(), Duration.ofSeconds(10));
                assertNotNull(m, "request " + answered + " answered during the flood");
                assertEquals("r" + answered, new String(m.getData()));
                answered++;
                flooding.set(workers.stream().anyMatch(w -> !w.isDone()));
            }
            for (Future<?> w : workers) {
                w.get(); // rethrows a flood connection's failed expectation
            }
            assertTrue(answered > 1, "a request was answered while the flood still ran");
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        } finally {
            flood.shutdownNow();
            flood.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
