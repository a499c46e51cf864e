package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route protocol as nats-server 2.9.10 wrote it on the wire (frames captured from a running server). */
class RouteParserTest {

    /** Bytes a nats-server 2.9.10 route sent, and what the parser must report for them. */
    private static final String WIRE = "INFO {\"server_id\":\"N1\",\"cluster\":\"C1\"} \r\n"
            + "RS+ $G foo\r\nRS+ $G bar q1 2\r\nrs- $G bar q1\r\nRS- $G foo\r\nPING\r\nPONG\r\n+OK\r\n"
            + "RMSG $G baz r.1 2\r\nhi\r\n"
            + "HMSG $G baz 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
            + "RMSG $G zz | qq 1\r\nx\r\n"
            + "RMSG $G bar + rr q1 q2 3\r\nxyz\r\n"
            + "HMSG $G foo + r.y q1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
            + "RMSG\t$G  e 0\r\n\r\n"
            + "-ERR 'Authorization Violation'\r\n";

    private static final List<String> EXPECTED = List.of(
            "info {\"server_id\":\"N1\",\"cluster\":\"C1\"}",
            "sub $G foo [] 1", "sub $G bar [q1] 2", "unsub $G bar [q1]", "unsub $G foo []", "ping", "pong",
            "msg $G baz r.1 [] 0 hi",
            "msg $G baz  [] 12 NATS/1.0\r\n\r\nhi",
            "msg $G zz  [qq] 0 x",
            "msg $G bar rr [q1 q2] 0 xyz",
            "msg $G foo r.y [q1] 12 NATS/1.0\r\n\r\nhi",
            "msg $G e  [] 0 ",
            "err 'Authorization Violation'");

    @Test
    void decodesEveryOperationInOneRead() {
        assertEquals(EXPECTED, parse(List.of(WIRE)));
    }

    @Test
    void decodesTheSameWhenSplitAtEveryByte() {
        for (int cut = 1; cut < WIRE.length(); cut++) {
            assertEquals(EXPECTED, parse(List.of(WIRE.substring(0, cut), WIRE.substring(cut))), "cut at " + cut);
        }
        List<String> bytes = new ArrayList<>();
        for (char c : WIRE.toCharArray()) {
            bytes.add(String.valueOf(c));
        }
        assertEquals(EXPECTED, parse(bytes));
    }

    @Test
    void refusesBrokenInputOnceAndTakesNothingMore() {
        assertEquals(List.of("error unknown route operation PUB"), parse(List.of("PUB foo 1\r\nx\r\nPING\r\n")));
        assertEquals(List.of("error message not followed by CR LF"), parse(List.of("RMSG $G a 1\r\nxyz\r\n")));
        assertEquals(List.of("error bad RMSG queue marker"), parse(List.of("RMSG $G a x y 1\r\nx\r\n")));
        assertEquals(List.of("error bad message size"), parse(List.of("HMSG $G a 5 2\r\nxy\r\n")));
        assertEquals(List.of("error bad RS+ arguments"), parse(List.of("RS+ $G\r\n")));
        assertEquals(List.of("error control line too long"),
                parse(List.of("RS+ " + "a".repeat(RouteParser.MAX_CONTROL_LINE + 1))));
    }

    @Test
    void refusesAMessageAboveTheLimitBeforeBufferingIt() {
        RouteParser p = new RouteParser(UnpooledByteBufAllocator.DEFAULT);
        p.setMaxPayload(10);
        Events e = new Events();
        p.parse(ascii("RMSG $G a 11\r\n"), e);
        assertEquals(List.of("error message of 11 bytes above the limit of 10"), e.list);
    }

    /** A callback that closes the parser (a refused route) while part of the input was kept from an earlier read. */
    @Test
    void aCallbackMayCloseTheParserWhileInputIsKept() {
        RouteParser p = new RouteParser(UnpooledByteBufAllocator.DEFAULT);
        Events e = new Events() {
            @Override
            public void onRouteConnect(ByteBuf json) {
                super.onRouteConnect(json);
                p.close();
            }
        };
        p.parse(ascii("CONNECT {\"user\""), e);
        ByteBuf rest = ascii(":\"x\"}\r\nPING\r\n");
        p.parse(rest, e);
        assertEquals(0, rest.readableBytes(), "consumed");
        p.parse(ascii("PING\r\n"), e);
        assertEquals(List.of("connect {\"user\":\"x\"}"), e.list, "nothing after the close");
    }

    @Test
    void framesReadBackAsWritten() {
        ByteBuf out = Unpooled.buffer();
        RouteFrames.writeRemoteSub(out, "$G", "foo", null, 1);
        RouteFrames.writeRemoteSub(out, "$G", "bar", "q1", 3);
        RouteFrames.writeRemoteUnsub(out, "$G", "bar", "q1");
        byte[] acc = "$G".getBytes(StandardCharsets.US_ASCII);
        RouteFrames.writeRouteMsg(out, acc, ascii("baz"), ascii("r.1"), null, 0, ascii("hi"));
        RouteFrames.writeRouteMsg(out, acc, ascii("baz"), Unpooled.EMPTY_BUFFER, "", 12, ascii("NATS/1.0\r\n\r\nhi"));
        RouteFrames.writeRouteMsg(out, acc, ascii("zz"), null, "qq", 0, ascii("x"));
        RouteFrames.writeRouteMsg(out, acc, ascii("foo"), ascii("r.y"), "q1", 12, ascii("NATS/1.0\r\n\r\nhi"));
        assertEquals("RS+ $G foo\r\nRS+ $G bar q1 3\r\nRS- $G bar q1\r\nRMSG $G baz r.1 2\r\nhi\r\n"
                + "HMSG $G baz 12 14\r\nNATS/1.0\r\n\r\nhi\r\nRMSG $G zz | qq 1\r\nx\r\n"
                + "HMSG $G foo + r.y q1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", out.toString(StandardCharsets.US_ASCII));
    }

    private static List<String> parse(List<String> reads) {
        RouteParser p = new RouteParser(UnpooledByteBufAllocator.DEFAULT);
        Events e = new Events();
        for (String r : reads) {
            ByteBuf in = ascii(r);
            p.parse(in, e);
            assertEquals(0, in.readableBytes(), "every read is consumed");
        }
        p.close();
        return e.list;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String s(ByteBuf b) {
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static class Events implements RouteOps {
        final List<String> list = new ArrayList<>();

        @Override
        public void onRouteInfo(ByteBuf json) {
            list.add("info " + s(json));
        }

        @Override
        public void onRouteConnect(ByteBuf json) {
            list.add("connect " + s(json));
        }

        @Override
        public void onRemoteSub(ByteBuf account, ByteBuf subject, ByteBuf queue, int weight) {
            list.add("sub " + s(account) + " " + s(subject) + " [" + s(queue) + "] " + weight);
        }

        @Override
        public void onRemoteUnsub(ByteBuf account, ByteBuf subject, ByteBuf queue) {
            list.add("unsub " + s(account) + " " + s(subject) + " [" + s(queue) + "]");
        }

        @Override
        public void onRouteMsg(ByteBuf account, ByteBuf subject, ByteBuf reply, ByteBuf queues, int headerSize,
                ByteBuf message) {
            list.add("msg " + s(account) + " " + s(subject) + " " + s(reply) + " [" + s(queues) + "] " + headerSize
                    + " " + s(message));
        }

        @Override
        public void onPing() {
            list.add("ping");
        }

        @Override
        public void onPong() {
            list.add("pong");
        }

        @Override
        public void onRouteErr(ByteBuf text) {
            list.add("err " + s(text));
        }

        @Override
        public void onRouteProtocolError(String why) {
            list.add("error " + why);
        }
    }
}
