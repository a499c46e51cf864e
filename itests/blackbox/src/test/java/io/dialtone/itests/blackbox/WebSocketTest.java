package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket listener as nats-server 2.9.10 has it ({@code websocket {}}), against Dialtone and the reference
 * nats-server: jnats over ws:// and wss://, with TCP clients on the same subjects; the upgrade on the wire (INFO as
 * the first binary frame, permessage-deflate, the origin check); Dialtone's bounded frames.
 */
class WebSocketTest extends DistributionTest {

    private static String pem(String name) throws Exception {
        return TestCertificates.file(name).toString();
    }

    /** Starts {@code server} with a websocket block on a free port; returns the server and that port. */
    private record Ws(ServerUnderTest server, int port) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    private static Ws start(String name, String block) throws Exception {
        int port = Nats.freePort();
        Path c = Files.writeString(dialtone.home.resolve("ws-" + name + "-" + port + ".conf"),
                "websocket {\n  listen: \"127.0.0.1:" + port + "\"\n" + block + "}\n");
        ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", c.toString());
        // Dialtone's WebSocket listener may come up just after "Server is ready" (the client listener's)
        io.dialtone.itests.support.Await.until("the websocket port accepts", Duration.ofSeconds(30),
                () -> Nats.accepts("127.0.0.1", port));
        return new Ws(s, port);
    }

    private static void crossTransportPubSub(Connection ws, Connection tcp) throws Exception {
        var wsSub = ws.subscribe("ws.test");
        var tcpSub = tcp.subscribe("ws.test");
        ws.flush(Duration.ofSeconds(5));
        tcp.flush(Duration.ofSeconds(5));
        tcp.publish("ws.test", "from tcp".getBytes(StandardCharsets.UTF_8));
        assertEquals("from tcp", new String(wsSub.nextMessage(Duration.ofSeconds(10)).getData(), StandardCharsets.UTF_8));
        assertEquals("from tcp", new String(tcpSub.nextMessage(Duration.ofSeconds(10)).getData(), StandardCharsets.UTF_8));
        byte[] big = new byte[200_000]; // more than one frame's worth for most clients
        java.util.Arrays.fill(big, (byte) 'x');
        ws.publish("ws.test", big);
        assertEquals(big.length, tcpSub.nextMessage(Duration.ofSeconds(10)).getData().length);
        assertEquals(big.length, wsSub.nextMessage(Duration.ofSeconds(10)).getData().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jnatsOverWsPublishesAndSubscribes(String name) throws Exception {
        try (Ws w = start(name, "  no_tls: true\n");
                Connection ws = io.nats.client.Nats.connect(new Options.Builder()
                        .server("ws://127.0.0.1:" + w.port).maxReconnects(0).build());
                Connection tcp = io.nats.client.Nats.connect(w.server.url())) {
            crossTransportPubSub(ws, tcp);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jnatsOverWssPublishesAndSubscribes(String name) throws Exception {
        String tls = "  tls {\n    cert_file: \"" + pem("server.pem") + "\"\n    key_file: \"" + pem("server-key.pem")
                + "\"\n  }\n";
        try (Ws w = start(name, tls);
                Connection ws = io.nats.client.Nats.connect(new Options.Builder()
                        .server("wss://localhost:" + w.port).sslContext(TestCertificates.clientContext(null))
                        .maxReconnects(0).build());
                Connection tcp = io.nats.client.Nats.connect(w.server.url())) {
            crossTransportPubSub(ws, tcp);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theInfoIsTheFirstBinaryFrameAfterTheUpgrade(String name) throws Exception {
        try (Ws w = start(name, "  no_tls: true\n  compression: true\n");
                Socket s = upgrade(w.port, "Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            assertTrue(head.toLowerCase().contains("sec-websocket-extensions: permessage-deflate"), head);
            InputStream in = s.getInputStream();
            int first = in.read();
            assertEquals(0x82 | 0x40, first, "a final binary frame, compressed (RSV1)");
        }
        try (Ws w = start(name, "  no_tls: true\n"); Socket s = upgrade(w.port, "")) {
            readHead(s.getInputStream());
            InputStream in = s.getInputStream();
            assertEquals(0x82, in.read(), "a final binary frame");
            int len = in.read() & 0x7f;
            len = len == 126 ? (in.read() << 8 | in.read()) : len;
            String info = new String(in.readNBytes(len), StandardCharsets.US_ASCII);
            assertTrue(info.startsWith("INFO {\"server_id\":\"N") && info.endsWith("} \r\n"), info);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void sameOriginRefusesAnotherOrigin(String name) throws Exception {
        try (Ws w = start(name, "  no_tls: true\n  same_origin: true\n")) {
            try (Socket s = upgrade(w.port, "Origin: http://evil.example:" + w.port + "\r\n")) {
                String head = readHead(s.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 403 Forbidden\r\n"), head);
            }
            try (Socket s = upgrade(w.port, "Origin: http://127.0.0.1:" + w.port + "\r\n")) {
                assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
            }
        }
    }

    @Test
    void aWebsocketBlockWithoutTlsIsRefused() throws Exception {
        // nats-server refuses it when it starts ("nats-server: websocket requires TLS configuration"); Dialtone already at -t
        Path c = Files.writeString(dialtone.home.resolve("ws-notls.conf"), "websocket {\n  port: 8443\n}\n");
        Dialtone.Finished f = dialtone.run("-t", "-c", c.toString());
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("websocket requires TLS configuration"), f.stderr());
    }

    @Test
    void aFrameLargerThanMaxPayloadIsNotBuffered() throws Exception {
        try (Ws w = start(DifferentialServers.DIALTONE, "  no_tls: true\n"); Socket s = upgrade(w.port, "")) {
            readHead(s.getInputStream());
            // a masked binary frame announcing 64 MiB, far over max_payload (1 MiB): refused from its header
            byte[] header = {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 4, 0, 0, 0, 1, 2, 3, 4};
            s.getOutputStream().write(header);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                seen.write(b);
            }
            byte[] all = seen.toByteArray();
            // after the INFO frame, a close frame with status 1009 (message too big), then the end of the stream
            String tail = Base64.getEncoder().encodeToString(all);
            int close = indexOf(all, new byte[] {(byte) 0x88});
            assertTrue(close > 0, "a close frame: " + tail);
            assertEquals(1009, (all[close + 2] & 0xff) << 8 | all[close + 3] & 0xff, tail);
        }
    }

    private static int indexOf(byte[] data, byte[] what) {
        // skip the INFO frame: its length is in the header
        int len = data[1] & 0x7f;
        int start = len == 126 ? 4 + ((data[2] & 0xff) << 8 | data[3] & 0xff) : 2 + len;
        for (int i = start; i < data.length; i++) {
            if (data[i] == what[0]) {
                return i;
            }
        }
        return -1;
    }

    private static Socket upgrade(int port, String headers) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        String key = Base64.getEncoder().encodeToString("dialtone-ws-test".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + headers
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** The HTTP response head, up to and including the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        try {
            while (!b.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                b.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete response head: " + b, e);
        }
        return b.toString();
    }
}
