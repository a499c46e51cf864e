package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerOpsTest {

    private static ByteBuf b(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static byte[] a(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String take(ByteBuf out) {
        String s = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return s;
    }

    @Test
    void msg() {
        ByteBuf subject = b("foo.bar");
        ByteBuf sid = b("12");
        ByteBuf reply = b("_INBOX.1");
        ByteBuf payload = b("hello");
        ByteBuf out = Unpooled.buffer();
        ServerOps.writeMsg(out, subject, sid, null, payload);
        ServerOps.writeMsg(out, subject, sid, reply, payload);
        ServerOps.writeMsg(out, subject, sid, Unpooled.EMPTY_BUFFER, Unpooled.EMPTY_BUFFER);
        assertEquals("MSG foo.bar 12 5\r\nhello\r\nMSG foo.bar 12 _INBOX.1 5\r\nhello\r\nMSG foo.bar 12 0\r\n\r\n",
                take(out));
        assertEquals(5, payload.readableBytes(), "inputs untouched");
        assertEquals(7, subject.readableBytes());
        subject.release();
        sid.release();
        reply.release();
        payload.release();
    }

    @Test
    void msgFromArrays() {
        ByteBuf payload = b("x".repeat(1234));
        ByteBuf out = Unpooled.buffer();
        ServerOps.writeMsg(out, a("s"), a("1"), a("r"), payload);
        ServerOps.writeMsg(out, a("s"), a("1"), null, payload);
        assertEquals("MSG s 1 r 1234\r\n" + "x".repeat(1234) + "\r\nMSG s 1 1234\r\n" + "x".repeat(1234) + "\r\n",
                take(out));
        payload.release();
    }

    @Test
    void hmsg() {
        ByteBuf msg = b("NATS/1.0\r\nA: B\r\n\r\nhello");
        ByteBuf out = Unpooled.buffer();
        ServerOps.writeHmsg(out, a("foo"), a("1"), null, 18, msg);
        ServerOps.writeHmsg(out, b("foo"), b("1"), b("r"), 18, msg);
        assertEquals("HMSG foo 1 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n"
                + "HMSG foo 1 r 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nhello\r\n", take(out));
        ByteBuf nr = b("NATS/1.0 503\r\n\r\n");
        ByteBuf out2 = Unpooled.buffer();
        ServerOps.writeHmsg(out2, a("_INBOX.x"), a("3"), null, 16, nr);
        assertEquals("HMSG _INBOX.x 3 16 16\r\nNATS/1.0 503\r\n\r\n\r\n", take(out2));
        ByteBuf out3 = Unpooled.buffer();
        assertThrows(IllegalArgumentException.class, () -> ServerOps.writeHmsg(out3, a("a"), a("1"), null, 99, nr));
        out3.release();
        msg.release();
        nr.release();
    }

    @Test
    void constantsErrAndInfo() {
        ByteBuf out = Unpooled.buffer();
        ServerOps.writePing(out);
        ServerOps.writePong(out);
        ServerOps.writeOk(out);
        ServerOps.writeErr(out, ProtocolError.UNKNOWN_OP.errText());
        ServerOps.writeErr(out, "Permissions Violation for Publish to \"a\"");
        ByteBuf json = b("{\"proto\":1}");
        ServerOps.writeInfo(out, json);
        json.release();
        assertEquals("PING\r\nPONG\r\n+OK\r\n-ERR 'Unknown Protocol Operation'\r\n"
                + "-ERR 'Permissions Violation for Publish to \"a\"'\r\nINFO {\"proto\":1} \r\n", take(out));
        assertEquals("PING\r\n", ServerOps.PING.duplicate().toString(StandardCharsets.US_ASCII));
        assertEquals(6, ServerOps.PONG.readableBytes());
        assertEquals(true, ServerOps.OK.isReadOnly());
    }

    @Test
    void roundTripThroughParser() {
        // What the encoder writes for a client's PUB has the same framing the parser accepts.
        ByteBuf out = Unpooled.buffer();
        ByteBuf payload = b("data");
        ServerOps.writeMsg(out, a("x"), a("9"), null, payload);
        String msg = out.toString(StandardCharsets.ISO_8859_1);
        assertEquals("MSG x 9 4\r\ndata\r\n", msg);
        out.release();
        payload.release();
    }

    /**
     * MSG and HMSG into native memory (written straight to the address) give the same bytes as into a heap buffer,
     * whatever the sources are: heap, a direct slice, a composite; with and without a reply; through a regrowth.
     */
    @Test
    void nativeDestinationWritesTheSameBytes() {
        java.util.List<java.util.function.Function<String, ByteBuf>> kinds = java.util.List.of(
                ServerOpsTest::b,
                x -> {
                    ByteBuf d = Unpooled.directBuffer(x.length() + 8).writerIndex(3);
                    d.writeCharSequence(x, StandardCharsets.ISO_8859_1);
                    return d.slice(3, x.length());
                },
                x -> Unpooled.wrappedBuffer(b(x.substring(0, x.length() / 2)), b(x.substring(x.length() / 2))));
        String hdr = "NATS/1.0\r\nA: B\r\n\r\n";
        for (var kind : kinds) {
            for (String reply : new String[] {null, "", "_INBOX.abc.1"}) {
                for (String payload : new String[] {"", "hello", "p".repeat(3000)}) {
                    ByteBuf heap = Unpooled.buffer(4);
                    ByteBuf direct = Unpooled.directBuffer(4);
                    assertTrue(direct.hasMemoryAddress(), "a direct buffer with an address");
                    for (ByteBuf out : new ByteBuf[] {heap, direct}) {
                        ByteBuf r = reply == null ? null : kind.apply(reply);
                        ServerOps.writeMsg(out, kind.apply("foo.bar.baz"), kind.apply("123456"), r,
                                kind.apply(payload));
                        ServerOps.writeHmsg(out, kind.apply("h.x"), kind.apply("7"), r, hdr.length(),
                                kind.apply(hdr + payload));
                    }
                    assertEquals(take(heap), take(direct), "reply " + reply + ", payload " + payload.length());
                }
            }
        }
    }
}
