package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClientParserOpsTest {

    static List<String> parse(String input) {
        ClientParser p = new ClientParser();
        p.setHeadersEnabled(true);
        Recorder r = new Recorder(p);
        r.feed(input);
        p.close();
        return r.events;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '~', quoteCharacter = '"', value = {
        "CONNECT {\"verbose\":false}\\r\\n ~ CONNECT {\"verbose\":false}",
        "connect \t {}\\n ~ CONNECT {}",
        "CONNECT{}\\r\\n ~ CONNECT {}",
        "CONNECT\\r\\n ~ CONNECT \\r",
        "INFO {}\\r\\n ~ INFO {}",
        "PING\\r\\n ~ PING",
        "ping\\n ~ PING",
        "PiNg whatever\\r\\n ~ PING",
        "PINGX\\r\\n ~ PING",
        "PONG\\r\\n ~ PONG",
        "pong\\n ~ PONG",
        "+OK\\r\\n ~ +OK",
        "+ok junk\\n ~ +OK",
        "PUB foo 5\\r\\nhello\\r\\n ~ PUB foo||hello",
        "pub foo 5\\nhello\\r\\n ~ PUB foo||hello",
        "PUB\\tfoo\\t\\t5\\r\\nhello\\r\\n ~ PUB foo||hello",
        "PUB  foo \\t bar  5 \\r\\nhello\\r\\n ~ PUB foo|bar|hello",
        "PUB foo bar 0\\r\\n\\r\\n ~ PUB foo|bar|",
        "PUB foo 0\\r\\n\\r\\n ~ PUB foo||",
        "PUB foo 1\\r\\n\\n\\r\\n ~ PUB foo||\\n",
        "PUB foo 4\\r\\n\\r\\n\\r\\n\\r\\n ~ PUB foo||\\r\\n\\r\\n",
        "PUB foo 00002\\r\\nhi\\r\\n ~ PUB foo||hi",
        "HPUB foo 12 17\\r\\nNATS/1.0\\r\\n\\r\\nhello\\r\\n ~ HPUB foo||12|NATS/1.0\\r\\n\\r\\nhello",
        "hpub\\tfoo\\trep\\t12\\t12\\nNATS/1.0\\r\\n\\r\\n\\r\\n ~ HPUB foo|rep|12|NATS/1.0\\r\\n\\r\\n",
        "HPUB foo 0 0\\r\\n\\r\\n ~ HPUB foo||0|",
        "SUB foo 1\\r\\n ~ SUB foo||1",
        "sub foo.* q 22\\n ~ SUB foo.*|q|22",
        "SUB\\t foo\\t\\tq\\t 3 \\r\\n ~ SUB foo|q|3",
        "UNSUB 1\\r\\n ~ UNSUB 1|-1",
        "unsub\\t1\\t10\\n ~ UNSUB 1|10",
        "UNSUB 1 0\\r\\n ~ UNSUB 1|0",
        "UNSUB 1 abc\\r\\n ~ UNSUB 1|-1",
        "UNSUB 1 1234567890\\r\\n ~ UNSUB 1|-1",
        "UNSUB 1 999999999\\r\\n ~ UNSUB 1|999999999",
        "HMSG foo 1 2 2\\r\\n\\r\\n ~ HMSG",
        // parser.go takes the first argument byte as is, even LF.
        "PUB \\nfoo 0\\r\\n\\r\\n ~ PUB \\nfoo||",
    })
    void singleOperation(String input, String expected) {
        assertEquals(List.of(unescape(expected.strip())), parse(unescape(input.strip())));
    }

    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    @Test
    void severalOperationsInOneRead() {
        assertEquals(List.of("SUB a||1", "PING", "PUB a|r|xy", "UNSUB 1|-1", "PONG"),
                parse("SUB a 1\r\nPING\r\nPUB a r 2\r\nxy\r\nUNSUB 1\nPONG\r\n"));
    }

    @Test
    void absentReplyAndQueueAreEmptyBuffers() {
        ClientParser p = new ClientParser();
        ByteBuf in = Unpooled.copiedBuffer("PUB a 1\r\nx\r\nSUB a 1\r\n", StandardCharsets.US_ASCII);
        int[] calls = {0};
        p.parse(in, new NoOps() {
            @Override
            public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) {
                assertEquals(0, reply.readableBytes());
                assertSame(in, payload.unwrap(), "unsplit payload is a slice of the input");
                assertSame(in, subject.unwrap(), "unsplit subject is a slice of the input");
                calls[0]++;
            }

            @Override
            public void onSub(ByteBuf subject, ByteBuf queue, ByteBuf sid) {
                assertEquals(0, queue.readableBytes());
                calls[0]++;
            }
        });
        assertEquals(2, calls[0]);
        in.release();
        p.close();
    }

    @Test
    void limitsAndFlagsChangeLive() {
        ClientParser p = new ClientParser();
        Recorder r = new Recorder(p);
        r.feed("PUB a 3\r\nabc\r\n");
        p.setMaxPayload(2);
        r.feed("PUB a 2\r\nab\r\n");
        p.setMaxControlLine(5);
        r.feed("SUB abc 1\r\n", "SUB abcd 1\r\n");
        assertEquals(List.of("PUB a||abc", "PUB a||ab", "SUB abc||1", "ERROR MAX_CONTROL_LINE_EXCEEDED"), r.events);
        assertThrows(IllegalArgumentException.class, () -> p.setMaxControlLine(0));
        assertThrows(IllegalArgumentException.class, () -> p.setMaxPayload(-1));
        p.close();
    }

    @Test
    void headersEnabledByConnectApplyToTheSameRead() {
        ClientParser p = new ClientParser();
        Recorder r = new Recorder(p);
        r.feed("CONNECT {\"headers\":true}\r\nHPUB a 2 2\r\nxy\r\n");
        assertEquals(List.of("CONNECT {\"headers\":true}", "HPUB a||2|xy"), r.events);
        p.close();
    }

    @Test
    void closeFromCallbackStopsParsing() {
        ClientParser p = new ClientParser();
        Recorder r = new Recorder(p) {
            @Override
            public void onInfo(ByteBuf json) {
                super.onInfo(json);
                parser.close();
            }
        };
        r.feed("PING\r\nINFO x\r\nPING\r\n", "PING\r\n");
        assertEquals(List.of("PING", "INFO x"), r.events);
        assertEquals(true, p.isDone());
    }

    @Test
    void callbackExceptionPropagatesAndStopsParser() {
        ClientParser p = new ClientParser();
        ByteBuf in = Unpooled.copiedBuffer("PING\r\nPING\r\n", StandardCharsets.US_ASCII);
        assertThrows(IllegalStateException.class, () -> p.parse(in, new NoOps() {
            @Override
            public void onPing() {
                throw new IllegalStateException("boom");
            }
        }));
        assertEquals(0, in.readableBytes());
        assertEquals(true, p.isDone());
        in.release();
    }

    /** Ops that ignore everything. */
    static class NoOps implements ClientOps {
        @Override public void onConnect(ByteBuf json) { }
        @Override public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) { }
        @Override public void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) { }
        @Override public void onSub(ByteBuf subject, ByteBuf queue, ByteBuf sid) { }
        @Override public void onUnsub(ByteBuf sid, long max) { }
        @Override public void onPing() { }
        @Override public void onPong() { }
        @Override public void protocolError(ProtocolError error) { }
    }
}
