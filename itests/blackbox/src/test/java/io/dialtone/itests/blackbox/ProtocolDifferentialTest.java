package io.dialtone.itests.blackbox;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw-socket transcripts played to Dialtone and to the reference nats-server, compared byte for byte.
 *
 * <p>A transcript is what the client sends after reading the INFO line. Transcripts that keep the connection open get a
 * {@code PING\r\n} sentinel appended and are read until its {@code PONG\r\n}; transcripts that end in a close are read
 * until end of stream, shown as {@code <closed>}. What differs by nature is masked: the INFO line (only its
 * {@code INFO {} start and its key set are compared) and any {@code PING\r\n} the server sends on its own (nats-server
 * sends one soon after CONNECT). The server's output is cut into frames (control lines, plus the payload after MSG and
 * HMSG), so a payload is never mistaken for a PING and the PONG answering our sentinel is always kept.
 *
 * <p>Each scenario states the bytes nats-server 2.9.10 was observed to send, and every server selected by
 * {@code it.servers} is held to them; a server other than nats-server is also compared with a live nats-server playing
 * the same transcript, when nats-server is selected.
 */
class ProtocolDifferentialTest extends DistributionTest {

    private static final int READ_TIMEOUT_MS = 10_000;
    /** nats-server 2.9.10's INFO keys for a plain client connection without auth, TLS, cluster or JetStream. */
    private static final Set<String> INFO_KEYS = new TreeSet<>(List.of("server_id", "server_name", "version", "proto",
            "go", "host", "port", "headers", "max_payload", "client_id", "client_ip"));
    private static final String QUIET = "CONNECT {\"verbose\":false}\r\n";
    private static final String CLOSED = "<closed>";

    private enum End {
        /** a PING sentinel is appended; read up to its PONG */
        PONG,
        /** the server closes the connection; read to end of stream */
        CLOSE
    }

    /** What one server sent: its INFO line, and everything after it with server-initiated PINGs removed. */
    private record Capture(String info, String masked, boolean sawServerPing) {
        Set<String> infoKeys() {
            Set<String> keys = new TreeSet<>();
            Matcher m = Pattern.compile("[{,]\"(\\w+)\":").matcher(info);
            while (m.find()) {
                keys.add(m.group(1));
            }
            return keys;
        }
    }

    // ---------------------------------------------------------------------------------------------------- scenarios

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void infoLineAndPingPong(String name) throws Exception {
        Capture c = check(name, QUIET, End.PONG, "PONG\r\n");
        assertTrue(c.info().startsWith("INFO {\"server_id\":\""), c.info());
        assertTrue(c.info().contains("\"max_payload\":1048576"), c.info());
        assertTrue(c.info().contains("\"proto\":1"), c.info());
        assertTrue(c.info().contains("\"headers\":true"), c.info());
    }

    /** nats-server PINGs a new client soon after CONNECT; it is masked, and the PONG to our PING is kept. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theServersOwnPingIsMaskedAndOurPongKept(String name) throws Exception {
        try (ServerUnderTest server = DifferentialServers.start(name, dialtone)) {
            Capture c = play(server, QUIET, End.PONG, true);
            assertTrue(c.sawServerPing(), "the server sent its own PING after CONNECT");
            assertEquals("PONG\r\n", c.masked());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unknownOperation(String name) throws Exception {
        check(name, QUIET + "FOO bar\r\n", End.CLOSE, "-ERR 'Unknown Protocol Operation'\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void controlLineOver4096(String name) throws Exception {
        check(name, QUIET + "PUB " + "a".repeat(5000) + " 1\r\n", End.CLOSE,
                "-ERR 'maximum control line exceeded'\r\n");
    }

    /** 4096 bytes with the CRLF: within the limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void controlLineOf4096IsAccepted(String name) throws Exception {
        String subject = "a".repeat(4096 - "SUB  1\r\n".length());
        check(name, QUIET + "SUB " + subject + " 1\r\nPUB " + subject + " 2\r\nok\r\n", End.PONG,
                "MSG " + subject + " 1 2\r\nok\r\nPONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void payloadOverMaxPayload(String name) throws Exception {
        check(name, QUIET + "PUB foo 1048577\r\n", End.CLOSE, "-ERR 'Maximum Payload Violation'\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void payloadOfExactlyMaxPayloadIsDelivered(String name) throws Exception {
        String payload = "x".repeat(1048576);
        check(name, QUIET + "SUB foo 1\r\nPUB foo 1048576\r\n" + payload + "\r\n", End.PONG,
                "MSG foo 1 1048576\r\n" + payload + "\r\nPONG\r\n");
    }

    /** The size says 3, five bytes follow: no CRLF after the payload. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void payloadSizeMismatch(String name) throws Exception {
        check(name, QUIET + "PUB foo 3\r\nabcde\r\n", End.CLOSE, "-ERR 'Unknown Protocol Operation'\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void headerPayloadSizeMismatch(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB foo 18 22\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n",
                End.CLOSE, "-ERR 'Unknown Protocol Operation'\r\n");
    }

    /** A malformed argument count closes without any -ERR. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pubWithoutSizeClosesSilently(String name) throws Exception {
        check(name, QUIET + "PUB foo\r\n", End.CLOSE, "");
    }

    /** nats-server cannot parse a size of more than 9 digits: a silent close, not a max_payload -ERR. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pubWithAnUnparsableSizeClosesSilently(String name) throws Exception {
        check(name, QUIET + "PUB foo 99999999999\r\n", End.CLOSE, "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void subWithoutSidClosesSilently(String name) throws Exception {
        check(name, QUIET + "SUB foo\r\n", End.CLOSE, "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unsubWithoutSid(String name) throws Exception {
        check(name, QUIET + "UNSUB\r\n", End.CLOSE, "-ERR 'Unknown Protocol Operation'\r\n");
    }

    /** Each bad subject gets an -ERR; the connection stays open, and {@code foo*} is a literal. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void invalidSubjectsInSub(String name) throws Exception {
        check(name, QUIET + "SUB foo..bar 1\r\nSUB foo. 2\r\nSUB .foo 3\r\nSUB foo.>.bar 4\r\nSUB >.foo 5\r\n"
                + "SUB foo* 6\r\nSUB foo 7\r\nPUB foo* 1\r\na\r\nPUB foo 2\r\nok\r\n", End.PONG,
                "-ERR 'Invalid Subject'\r\n".repeat(5) + "MSG foo* 6 1\r\na\r\nMSG foo 7 2\r\nok\r\nPONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unsubOfAnUnknownSidIsIgnored(String name) throws Exception {
        check(name, QUIET + "UNSUB 99\r\n", End.PONG, "PONG\r\n");
    }

    /** Pedantic: the -ERR is sent, and the message is still routed (here to a matching sub on the same connection). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pedanticPublishToAWildcard(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"pedantic\":true}\r\nSUB foo.* 1\r\nPUB foo.* 2\r\nhi\r\n", End.PONG,
                "-ERR 'Invalid Publish Subject'\r\nMSG foo.* 1 2\r\nhi\r\nPONG\r\n");
    }

    /** Without pedantic the wildcard publish passes without a word. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void nonPedanticPublishToAWildcard(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB foo.* 1\r\nPUB foo.* 2\r\nhi\r\n", End.PONG,
                "MSG foo.* 1 2\r\nhi\r\nPONG\r\n");
    }

    /** verbose defaults to true: +OK for CONNECT, SUB, PUB and UNSUB (the +OK for PUB before its MSG), none for PING. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void verboseByDefault(String name) throws Exception {
        check(name, "CONNECT {}\r\nSUB foo 1\r\nPUB foo 2\r\nhi\r\nUNSUB 1\r\n", End.PONG,
                "+OK\r\n+OK\r\n+OK\r\nMSG foo 1 2\r\nhi\r\n+OK\r\nPONG\r\n");
    }

    /** verbose and pedantic by default: a bad SUB gets no +OK, just the -ERR. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void verboseWithAnInvalidSub(String name) throws Exception {
        check(name, "CONNECT {}\r\nSUB foo..bar 1\r\n", End.PONG, "+OK\r\n-ERR 'Invalid Subject'\r\nPONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void verboseFalse(String name) throws Exception {
        check(name, QUIET + "SUB foo 1\r\nPUB foo 2\r\nhi\r\nUNSUB 1\r\nPUB foo 2\r\nno\r\n", End.PONG,
                "MSG foo 1 2\r\nhi\r\nPONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void protocolTwoIsRefused(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"protocol\":2}\r\n", End.CLOSE, "-ERR 'invalid client protocol'\r\n");
    }

    /** CONNECT JSON that Go's decoder refuses: a silent close (a string or a fraction as protocol, a second value). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void connectJsonGoRefusesClosesSilently(String name) throws Exception {
        for (String connect : new String[] {"{\"verbose\":false,\"protocol\":\"1\"}", "{\"verbose\":false} garbage",
                "{\"verbose\":false,\"protocol\":1.5}", "{\"verbose\":false}{}", "{\"verbose\":false,\"echo\":\"yes\"}"}) {
            check(name, "CONNECT " + connect + "\r\n", End.CLOSE, "");
        }
    }

    /** CONNECT JSON that Go's decoder takes: null leaves a field as it was, invalid UTF-8 in a string is replaced. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void connectJsonGoAcceptsIsAccepted(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":null}\r\n", End.PONG, "+OK\r\nPONG\r\n");
        check(name, "CONNECT {\"verbose\":false,\"protocol\":null,\"name\":null}\r\n", End.PONG, "PONG\r\n");
        check(name, "CONNECT {\"verbose\":false,\"name\":\"a\u00ff\u00feb\"} \r\n", End.PONG, "PONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void noRespondersWithoutHeadersIsRefused(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"no_responders\":true}\r\n", End.CLOSE,
                "-ERR 'no responders requires headers support'\r\n");
    }

    /** Operation names in any case, arguments separated by tabs and runs of blanks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void caseInsensitiveOperationsAndTabs(String name) throws Exception {
        check(name, "connect {\"verbose\":false}\r\nsub\tfoo\t1\r\npub foo 2\r\nhi\r\nPuB\tfoo  \t 3\r\nabc\r\n"
                + "ping\r\nPing\r\nunsub 1\r\nPUB foo 1\r\nx\r\n", End.PONG,
                "MSG foo 1 2\r\nhi\r\nMSG foo 1 3\r\nabc\r\nPONG\r\nPONG\r\nPONG\r\n");
    }

    /** Control lines may end in a bare \n. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void bareNewlineEndsAControlLine(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false}\nSUB foo 1\nPUB foo 2\nhi\r\nPING\n", End.PONG,
                "MSG foo 1 2\r\nhi\r\nPONG\r\nPONG\r\n");
    }

    /** ...but a payload must be followed by \r\n: a bare \n there is a protocol error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void bareNewlineAfterAPayloadIsAnError(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false}\nSUB foo 1\nPUB foo 2\nhi\n", End.CLOSE,
                "-ERR 'Unknown Protocol Operation'\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void headersPublishAndDelivery(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB foo 1\r\n"
                + "HPUB foo 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n"
                + "HPUB foo my.reply 12 12\r\nNATS/1.0\r\n\r\n\r\n", End.PONG,
                "HMSG foo 1 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n"
                        + "HMSG foo 1 my.reply 12 12\r\nNATS/1.0\r\n\r\n\r\n" + "PONG\r\n");
    }

    /** HPUB from a client that did not announce headers in CONNECT: a silent close. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void hpubWithoutHeadersInConnectClosesSilently(String name) throws Exception {
        check(name, QUIET + "HPUB foo 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n", End.CLOSE, "");
    }

    /** A client that did not announce headers gets a headers message as a plain MSG without the header block. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void headersToAClientWithoutHeaderSupport(String name) throws Exception {
        try (ServerUnderTest server = DifferentialServers.start(name, dialtone);
                Socket plain = open(server, QUIET + "SUB foo 1\r\nPING\r\n")) {
            assertEquals("PONG\r\n", readFrames(plain.getInputStream(), 1).masked);
            Capture c = play(server, "CONNECT {\"verbose\":false,\"headers\":true}\r\n"
                    + "HPUB foo 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n", End.PONG, false);
            assertEquals("PONG\r\n", c.masked());
            plain.getOutputStream().write("PING\r\n".getBytes(ISO_8859_1));
            assertEquals("MSG foo 1 5\r\nhello\r\nPONG\r\n", readFrames(plain.getInputStream(), 1).masked);
        }
    }

    /** A request nobody receives: the 503 status comes back on the reply subject. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void noRespondersStatusMessage(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true}\r\n"
                + "SUB _INBOX.x 1\r\nPUB nobody _INBOX.x 2\r\nhi\r\n", End.PONG,
                "HMSG _INBOX.x 1 16 16\r\nNATS/1.0 503\r\n\r\n\r\nPONG\r\n");
    }

    /** Without no_responders in CONNECT a request to nobody just goes nowhere. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void noStatusWithoutNoResponders(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB _INBOX.x 1\r\nPUB nobody _INBOX.x 2\r\nhi\r\n",
                End.PONG, "PONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unsubWithMaxAutoUnsubscribes(String name) throws Exception {
        check(name, QUIET + "SUB foo 1\r\nUNSUB 1 2\r\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nPUB foo 1\r\nc\r\n", End.PONG,
                "MSG foo 1 1\r\na\r\nMSG foo 1 1\r\nb\r\nPONG\r\n");
    }

    /**
     * MSG with and without a reply subject, and an empty payload. nats-server delivers to plain subscriptions before
     * queue subscriptions, whatever the order of the SUBs: so the queue member (sid 1) comes second.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void messagesWithReplySubjects(String name) throws Exception {
        check(name, QUIET + "SUB foo.* q 1\r\nSUB foo.> 2\r\nPUB foo.bar reply.to 3\r\nabc\r\nPUB foo.bar 0\r\n\r\n",
                End.PONG, "MSG foo.bar 2 reply.to 3\r\nabc\r\nMSG foo.bar 1 reply.to 3\r\nabc\r\n"
                        + "MSG foo.bar 2 0\r\n\r\nMSG foo.bar 1 0\r\n\r\nPONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void echoFalse(String name) throws Exception {
        check(name, "CONNECT {\"verbose\":false,\"echo\":false}\r\nSUB foo 1\r\nPUB foo 1\r\na\r\n", End.PONG, "PONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void echoByDefault(String name) throws Exception {
        check(name, QUIET + "SUB foo 1\r\nPUB foo 1\r\na\r\n", End.PONG, "MSG foo 1 1\r\na\r\nPONG\r\n");
    }

    // ---------------------------------------------------------------------------------------------------- machinery

    /**
     * Plays the transcript to a fresh server of the given name and asserts the masked output against the bytes
     * nats-server 2.9.10 sent ({@code expected}, plus {@code <closed>} for a close) and, for a server other than
     * nats-server, against a live nats-server playing the same transcript.
     */
    private static Capture check(String name, String send, End end, String expected) throws Exception {
        Capture actual;
        try (ServerUnderTest server = DifferentialServers.start(name, dialtone)) {
            actual = play(server, send, end, false);
        }
        String expectedOutput = expected + (end == End.CLOSE ? CLOSED : "");
        List<Executable> checks = new ArrayList<>();
        if (!name.equals(DifferentialServers.NATS_SERVER) && DifferentialServers.isSelected(DifferentialServers.NATS_SERVER)) {
            Capture reference;
            try (ServerUnderTest server = DifferentialServers.start(DifferentialServers.NATS_SERVER, dialtone)) {
                reference = play(server, send, end, false);
            }
            checks.add(() -> assertEquals(reference.masked(), actual.masked(), name + " differs from nats-server"));
            checks.add(() -> assertEquals(reference.infoKeys(), actual.infoKeys(), name + "'s INFO keys differ from nats-server's"));
        }
        checks.add(() -> assertEquals(expectedOutput, actual.masked(), name + " differs from the bytes nats-server 2.9.10 sent"));
        checks.add(() -> assertTrue(actual.info().startsWith("INFO {"), actual.info()));
        checks.add(() -> assertEquals(INFO_KEYS, actual.infoKeys(), "INFO keys of " + name + ": " + actual.info()));
        assertAll(checks);
        return actual;
    }

    private static Socket open(ServerUnderTest server, String send) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(READ_TIMEOUT_MS);
        readLine(s.getInputStream());
        s.getOutputStream().write(send.getBytes(ISO_8859_1));
        return s;
    }

    /**
     * Connects, reads the INFO line, sends the transcript and captures the answer. With {@code awaitServerPing} the
     * server's own PING is awaited before the sentinel is sent.
     */
    private static Capture play(ServerUnderTest server, String send, End end, boolean awaitServerPing) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String info = readLine(in);
            out.write(send.getBytes(ISO_8859_1));
            out.flush();
            Frames before = null;
            if (awaitServerPing) {
                before = readFrames(in, 0, true);
            }
            if (end == End.PONG) {
                out.write("PING\r\n".getBytes(ISO_8859_1));
                out.flush();
                Frames f = readFrames(in, pingsIn(send) + 1);
                String masked = (before == null ? "" : before.masked) + f.masked;
                return new Capture(info, masked, f.sawServerPing || (before != null && before.sawServerPing));
            }
            Frames f = readFrames(in, Integer.MAX_VALUE);
            return new Capture(info, f.masked, f.sawServerPing);
        }
    }

    /** The PINGs the transcript itself sends (each answered by a PONG before our sentinel's). */
    private static int pingsIn(String send) {
        int n = 0;
        for (String line : send.split("\n")) {
            if (line.strip().equalsIgnoreCase("PING")) {
                n++;
            }
        }
        return n;
    }

    private record Frames(String masked, boolean sawServerPing) {
    }

    private static Frames readFrames(InputStream in, int pongs) throws IOException {
        return readFrames(in, pongs, false);
    }

    /**
     * Reads frames until {@code pongs} PONGs have arrived (or, with {@code untilPing}, until the server's own PING), or
     * the stream ends ({@code <closed>}), or nothing arrives for a while ({@code <no answer ...>}). Server PINGs are
     * dropped from the result.
     */
    private static Frames readFrames(InputStream in, int pongs, boolean untilPing) throws IOException {
        StringBuilder masked = new StringBuilder();
        boolean sawPing = false;
        int seenPongs = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (untilPing ? !sawPing : seenPongs < pongs) {
            String frame = nextFrame(pending);
            if (frame == null) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    masked.append(pending.toString(ISO_8859_1)).append("<no answer within ").append(READ_TIMEOUT_MS)
                            .append("ms>");
                    break;
                } catch (SocketException e) { // reset: the server closed with our bytes unread
                    n = -1;
                }
                if (n < 0) {
                    masked.append(pending.toString(ISO_8859_1)).append(CLOSED);
                    break;
                }
                pending.write(buf, 0, n);
                continue;
            }
            if (frame.equals("PING\r\n")) {
                sawPing = true;
                continue;
            }
            if (frame.equals("PONG\r\n")) {
                seenPongs++;
            }
            masked.append(frame);
        }
        if (pending.size() > 0) {
            masked.append(pending.toString(ISO_8859_1)); // (not expected) bytes after the last frame we waited for
        }
        return new Frames(masked.toString(), sawPing);
    }

    private static final Pattern SIZED = Pattern.compile("(?:MSG|HMSG) .* (\\d+)\r?\n");

    /** Takes one complete frame off the front of {@code pending}, or returns null when it is not all there yet. */
    private static String nextFrame(ByteArrayOutputStream pending) {
        String s = pending.toString(ISO_8859_1);
        int nl = s.indexOf('\n');
        if (nl < 0) {
            return null;
        }
        String line = s.substring(0, nl + 1);
        int length = line.length();
        Matcher m = SIZED.matcher(line);
        if (m.matches()) {
            length += Integer.parseInt(m.group(1)) + 2;
            if (s.length() < length) {
                return null;
            }
        }
        byte[] rest = s.substring(length).getBytes(ISO_8859_1);
        pending.reset();
        pending.write(rest, 0, rest.length);
        return s.substring(0, length);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.write(c);
        }
        return line.toString(ISO_8859_1);
    }
}
