package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientParserErrorTest {

    /** Feeds input (headers on), then more valid input that must be ignored. */
    static List<String> parse(String input, boolean headers) {
        ClientParser p = new ClientParser();
        p.setHeadersEnabled(headers);
        Recorder r = new Recorder(p);
        r.feed(input + "PING\r\n", "PING\r\nSUB a 1\r\n");
        assertTrue(p.isDone());
        p.close();
        return r.events;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '~', value = {
        "X ~ UNKNOWN_OP",
        "\\r\\n ~ UNKNOWN_OP",
        "\\tPING\\r\\n ~ UNKNOWN_OP",
        "PUBX ~ UNKNOWN_OP",
        "PUB\\r\\n ~ UNKNOWN_OP",
        "PINX ~ UNKNOWN_OP",
        "MSG foo 1 2\\r\\n ~ UNKNOWN_OP",
        "RS+ foo\\r\\n ~ UNKNOWN_OP",
        "LS+ foo\\r\\n ~ UNKNOWN_OP",
        "A+ foo\\r\\n ~ UNKNOWN_OP",
        "-ERR\\r\\n ~ UNKNOWN_OP",
        "+OX\\r\\n ~ UNKNOWN_OP",
        "CONNECX ~ UNKNOWN_OP",
        "INFX ~ UNKNOWN_OP",
        "SUBfoo 1\\r\\n ~ UNKNOWN_OP",
        "UNSUB\\r\\n ~ UNKNOWN_OP",
        "HPUBfoo ~ UNKNOWN_OP",
        "PUB foo 2\\r\\nhiX\\r\\n ~ UNKNOWN_OP",
        "PUB foo 2\\r\\nhi\\nPING ~ UNKNOWN_OP",
        "PUB foo 2\\r\\nhi\\rX ~ UNKNOWN_OP",
        "PUB foo 0\\r\\nX ~ UNKNOWN_OP",
        "HPUB foo 2 2\\r\\nxyz\\r\\n ~ UNKNOWN_OP",
        "HMSG foo 1 2 2\\r\\nab\\r\\n ~ UNKNOWN_OP",
        "PUB foo\\r\\n ~ PUB_BAD_ARGS",
        "PUB \\r\\n ~ PUB_BAD_ARGS",
        "PUB foo bar baz 1\\r\\n ~ PUB_BAD_ARGS",
        "PUB foo -1\\r\\n ~ PUB_BAD_SIZE",
        "PUB foo x\\r\\n ~ PUB_BAD_SIZE",
        "PUB foo 1234567890\\r\\n ~ PUB_BAD_SIZE",
        "PUB foo 1048577\\r\\n ~ MAX_PAYLOAD_VIOLATION",
        "PUB foo bar 999999999\\r\\n ~ MAX_PAYLOAD_VIOLATION",
        "HPUB foo 2\\r\\n ~ HPUB_BAD_ARGS",
        "HPUB foo a b 2 2 2\\r\\n ~ HPUB_BAD_ARGS",
        "HPUB foo x 5\\r\\n ~ HPUB_BAD_HEADER_SIZE",
        "HPUB foo 2 x\\r\\n ~ HPUB_BAD_TOTAL_SIZE",
        "HPUB foo 5 3\\r\\n ~ HPUB_HEADER_SIZE_EXCEEDS_TOTAL",
        "HPUB foo 0 1048577\\r\\n ~ MAX_PAYLOAD_VIOLATION",
        "SUB foo\\r\\n ~ SUB_BAD_ARGS",
        "SUB a b c d\\r\\n ~ SUB_BAD_ARGS",
        "SUB \\r\\n ~ SUB_BAD_ARGS",
        "UNSUB \\r\\n ~ UNSUB_BAD_ARGS",
        "UNSUB 1 2 3\\r\\n ~ UNSUB_BAD_ARGS",
    })
    void error(String input, String expected) {
        List<String> events = parse(ClientParserOpsTest.unescape(input.strip()), true);
        assertEquals(List.of("ERROR " + expected.strip()), events);
    }

    @Test
    void hpubWithoutHeadersNegotiated() {
        assertEquals(List.of("ERROR HPUB_HEADERS_NOT_SUPPORTED"), parse("HPUB foo 0 0\r\n\r\n", false));
    }

    @Test
    void clientErrIsReportedThenCloses() {
        assertEquals(List.of("-ERR 'bad thing'", "ERROR CLIENT_SENT_ERR"), parse("-ERR 'bad thing'\r\n", false));
    }

    @Test
    void operationsBeforeErrorAreDelivered() {
        assertEquals(List.of("PING", "SUB a||1", "ERROR UNKNOWN_OP"), parse("PING\r\nSUB a 1\r\nBOGUS\r\n", false));
    }

    @Test
    void controlLineLimitIsExact() {
        String ok = "SUB " + "a".repeat(4094) + " 1\r\n";
        assertEquals(List.of("SUB " + "a".repeat(4094) + "||1", "ERROR UNKNOWN_OP"), parse(ok + "X", false));
        String tooLong = "SUB " + "a".repeat(4095) + " 1\r\n";
        assertEquals(List.of("ERROR MAX_CONTROL_LINE_EXCEEDED"), parse(tooLong, false));
        assertEquals(List.of("ERROR MAX_CONTROL_LINE_EXCEEDED"), parse("CONNECT " + "x".repeat(5000), false));
        assertEquals(List.of("ERROR MAX_CONTROL_LINE_EXCEEDED"), parse("-ERR " + "x".repeat(4097) + "\n", false));
        assertEquals(List.of("ERROR MAX_CONTROL_LINE_EXCEEDED"), parse("PUB " + "x".repeat(4097) + " 0\n\r\n", false));
        // Blanks before the argument and the op name do not count.
        assertEquals(List.of("PUB " + "x".repeat(4094) + "||", "ERROR UNKNOWN_OP"),
                parse("PUB      " + "x".repeat(4094) + " 0\r\n\r\nX", false));
    }

    @Test
    void controlLineLimitOnSplitLines() {
        for (int mcl = 1; mcl < 12; mcl++) {
            for (int len = 1; len < 14; len++) {
                String line = "UNSUB " + "1".repeat(len) + "\r\n";
                for (int cut = 0; cut <= line.length(); cut++) {
                    ClientParser p = new ClientParser();
                    p.setMaxControlLine(mcl);
                    Recorder r = new Recorder(p);
                    r.capacityBound = () -> p.maxControlLine() + 2;
                    r.feed(line.substring(0, cut), line.substring(cut));
                    assertTrue(p.bufferCapacity() <= mcl + 2);
                    String expected = len > mcl ? "ERROR MAX_CONTROL_LINE_EXCEEDED" : "UNSUB " + "1".repeat(len) + "|-1";
                    assertEquals(List.of(expected), r.events, "mcl " + mcl + " len " + len + " cut " + cut);
                    p.close();
                }
            }
        }
    }

    @Test
    void payloadLimitIsInclusive() {
        ClientParser p = new ClientParser();
        p.setMaxPayload(3);
        Recorder r = new Recorder(p);
        r.feed("PUB a 3\r\nabc\r\nPUB a 4\r\nabcd\r\n");
        assertEquals(List.of("PUB a||abc", "ERROR MAX_PAYLOAD_VIOLATION"), r.events);
    }

    @Test
    void awaitingAuth() {
        ClientParser p = new ClientParser();
        p.setAwaitingAuth(true);
        Recorder r = new Recorder(p);
        r.feed("PING\r\n");
        assertEquals(List.of("ERROR AUTHORIZATION_VIOLATION"), r.events);

        ClientParser p2 = new ClientParser();
        p2.setAwaitingAuth(true);
        Recorder r2 = new Recorder(p2);
        r2.feed("connect {}\r\nPING\r\n");
        assertEquals(List.of("CONNECT {}", "PING"), r2.events);

        ClientParser p3 = new ClientParser();
        p3.setAwaitingAuth(true);
        Recorder r3 = new Recorder(p3);
        r3.allowBeforeConnect = true;
        r3.feed("PING\r\nPONG\r\n");
        assertEquals(List.of("PING", "PONG"), r3.events);
        assertEquals(false, p3.awaitingAuth());

        ClientParser p4 = new ClientParser();
        p4.setAwaitingAuth(true);
        Recorder r4 = new Recorder(p4);
        r4.feed("X");
        assertEquals(List.of("ERROR AUTHORIZATION_VIOLATION"), r4.events);
    }

    @Test
    void errorTextsAndCloseFlags() {
        List<String> rows = new ArrayList<>();
        for (ProtocolError e : ProtocolError.values()) {
            assertTrue(e.closesConnection(), e.name());
            rows.add(e.name() + "=" + e.errText());
        }
        assertEquals(List.of(
                "UNKNOWN_OP=Unknown Protocol Operation",
                "MAX_CONTROL_LINE_EXCEEDED=maximum control line exceeded",
                "MAX_PAYLOAD_VIOLATION=Maximum Payload Violation",
                "AUTHORIZATION_VIOLATION=Authorization Violation",
                "PUB_BAD_ARGS=null", "PUB_BAD_SIZE=null", "HPUB_HEADERS_NOT_SUPPORTED=null",
                "HPUB_BAD_ARGS=null", "HPUB_BAD_HEADER_SIZE=null", "HPUB_BAD_TOTAL_SIZE=null",
                "HPUB_HEADER_SIZE_EXCEEDS_TOTAL=null", "SUB_BAD_ARGS=null", "UNSUB_BAD_ARGS=null",
                "CLIENT_SENT_ERR=null"), rows);
        assertNull(ProtocolError.PUB_BAD_ARGS.errText());
    }
}
