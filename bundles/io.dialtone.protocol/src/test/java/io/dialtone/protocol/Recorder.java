package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/** Records callbacks as strings; enables headers on a CONNECT with "headers":true, like a broker. */
class Recorder implements ClientOps {

    final List<String> events = new ArrayList<>();
    final ClientParser parser;
    boolean allowBeforeConnect;
    IntSupplier capacityBound;
    /** Makes the empty buffer each chunk is fed in (writable for at least the given bytes); a heap buffer unless set. */
    IntFunction<ByteBuf> input = n -> Unpooled.buffer(n + 3);

    /** Heap memory behind an offset array view: the parser must add the array offset. */
    static ByteBuf heapAtOffset(int n) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[n + 16], 5, n + 3).clear();
        assertTrue(b.hasArray() && b.arrayOffset() == 5, "a heap buffer at an array offset");
        return b;
    }

    /** Native memory, a slice so its address is not the allocation's. */
    static ByteBuf directSlice(int n) {
        ByteBuf b = Unpooled.directBuffer(n + 16).writerIndex(7).slice(7, n + 3).clear();
        assertTrue(b.hasMemoryAddress() && !b.hasArray(), "native memory with an address");
        return b;
    }

    /** A composite of two parts: neither an array nor one address, so only getByte can read it. */
    static ByteBuf composite(int n) {
        ByteBuf b = Unpooled.wrappedBuffer(Unpooled.buffer(n / 2 + 1).writerIndex(n / 2 + 1),
                Unpooled.buffer(n - n / 2 + 2).writerIndex(n - n / 2 + 2)).clear();
        assertTrue(!b.hasMemoryAddress() && !b.hasArray(), "neither an array nor an address");
        return b;
    }

    Recorder(ClientParser parser) {
        this.parser = parser;
    }

    static String s(ByteBuf b) {
        return b.toString(b.readerIndex(), b.readableBytes(), StandardCharsets.ISO_8859_1);
    }

    private void add(String e) {
        if (capacityBound != null) {
            assertTrue(parser.bufferCapacity() <= capacityBound.getAsInt(), "buffer " + parser.bufferCapacity());
        }
        events.add(e);
    }

    @Override
    public void onConnect(ByteBuf json) {
        String j = s(json);
        if (j.contains("\"headers\":true")) {
            parser.setHeadersEnabled(true);
        }
        parser.setAwaitingAuth(false);
        add("CONNECT " + j);
    }

    @Override
    public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) {
        add("PUB " + s(subject) + "|" + s(reply) + "|" + s(payload));
    }

    @Override
    public void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        assertTrue(headerSize <= message.readableBytes());
        add("HPUB " + s(subject) + "|" + s(reply) + "|" + headerSize + "|" + s(message));
    }

    @Override
    public void onSub(ByteBuf subject, ByteBuf queue, ByteBuf sid) {
        add("SUB " + s(subject) + "|" + s(queue) + "|" + s(sid));
    }

    @Override
    public void onUnsub(ByteBuf sid, long max) {
        add("UNSUB " + s(sid) + "|" + max);
    }

    @Override
    public void onPing() {
        add("PING");
    }

    @Override
    public void onPong() {
        add("PONG");
    }

    @Override
    public void onInfo(ByteBuf json) {
        add("INFO " + s(json));
    }

    @Override
    public void onOk() {
        add("+OK");
    }

    @Override
    public void onErr(ByteBuf text) {
        add("-ERR " + s(text));
    }

    @Override
    public void onClientHmsg() {
        add("HMSG");
    }

    @Override
    public boolean allowBeforeConnect() {
        return allowBeforeConnect;
    }

    @Override
    public void protocolError(ProtocolError error) {
        add("ERROR " + error.name());
    }

    /** Feeds each chunk as a fresh buffer, then scribbles over it and releases it. */
    void feed(byte[]... chunks) {
        for (byte[] c : chunks) {
            ByteBuf in = input.apply(c.length);
            in.writeBytes(c);
            parser.parse(in, this);
            assertEquals(in.writerIndex(), in.readerIndex(), "all input consumed");
            assertEquals(1, in.refCnt(), "parser must not retain or release input");
            for (int i = 0; i < in.capacity(); i++) {
                in.setByte(i, 'Z');
            }
            assertTrue(in.release());
        }
    }

    void feed(String... chunks) {
        byte[][] b = new byte[chunks.length][];
        for (int i = 0; i < chunks.length; i++) {
            b[i] = chunks[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        feed(b);
    }
}
