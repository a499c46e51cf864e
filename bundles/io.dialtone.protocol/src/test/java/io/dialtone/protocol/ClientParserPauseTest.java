package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientParserPauseTest {

    @Test
    void pausingInACallbackLeavesTheRestOfTheBufferForLater() {
        ClientParser parser = new ClientParser();
        List<String> seen = new ArrayList<>();
        ClientOps ops = new ClientOps() {
            @Override
            public void onConnect(ByteBuf json) {
                seen.add("CONNECT " + json.toString(StandardCharsets.US_ASCII));
                parser.pause();
            }

            @Override
            public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) {
                seen.add("PUB " + subject.toString(StandardCharsets.US_ASCII));
            }

            @Override
            public void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
            }

            @Override
            public void onSub(ByteBuf subject, ByteBuf queue, ByteBuf sid) {
            }

            @Override
            public void onUnsub(ByteBuf sid, long max) {
            }

            @Override
            public void onPing() {
                seen.add("PING");
            }

            @Override
            public void onPong() {
            }

            @Override
            public void protocolError(ProtocolError e) {
                seen.add("ERR " + e);
            }
        };
        ByteBuf in = Unpooled.copiedBuffer("CONNECT {}\r\nPUB a 1\r\nx\r\nPING\r\n", StandardCharsets.US_ASCII);
        parser.parse(in, ops);
        assertEquals(List.of("CONNECT {}"), seen);
        assertTrue(parser.paused());
        assertEquals("PUB a 1\r\nx\r\nPING\r\n", in.toString(StandardCharsets.US_ASCII), "the rest is left unread");
        parser.parse(in, ops);
        assertEquals(List.of("CONNECT {}", "PUB a", "PING"), seen);
        assertEquals(0, in.readableBytes());
        in.release();
    }
}
