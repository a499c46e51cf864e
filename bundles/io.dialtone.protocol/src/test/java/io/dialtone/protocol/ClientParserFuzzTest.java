package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientParserFuzzTest {

    private static final byte[] ALPHABET = Transcripts.bytes("PUBHSMGCONETIFKRLA+-\r\n\r\n \t  0123456789pubsgx.*>{}'");
    private static final int SLACK = 8;

    /** Tracks every buffer the parser allocates, to check none leaks. */
    static final class TrackingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> allocated = new ArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            allocated.add(b);
            return b;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            throw new UnsupportedOperationException("the parser allocates heap buffers");
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void randomGarbage() {
        Random rnd = new Random(7);
        for (int round = 0; round < 3000; round++) {
            byte[] input = new byte[rnd.nextInt(600)];
            for (int i = 0; i < input.length; i++) {
                input[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
            }
            check(rnd, input, round);
        }
    }

    @Test
    void mutatedTranscripts() {
        Random rnd = new Random(11);
        byte[] all = Transcripts.bytes(Transcripts.ALL);
        for (int round = 0; round < 3000; round++) {
            byte[] input = all.clone();
            int mutations = 1 + rnd.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                int at = rnd.nextInt(input.length);
                switch (rnd.nextInt(3)) {
                    case 0 -> input[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
                    case 1 -> {
                        byte[] n = new byte[input.length - 1];
                        System.arraycopy(input, 0, n, 0, at);
                        System.arraycopy(input, at + 1, n, at, input.length - at - 1);
                        input = n;
                    }
                    default -> {
                        byte[] n = new byte[input.length + 1];
                        System.arraycopy(input, 0, n, 0, at);
                        n[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                        System.arraycopy(input, at, n, at + 1, input.length - at);
                        input = n;
                    }
                }
            }
            check(rnd, input, round);
        }
    }

    private static void check(Random rnd, byte[] input, int round) {
        TrackingAllocator alloc = new TrackingAllocator();
        ClientParser p = new ClientParser(alloc);
        boolean small = rnd.nextBoolean();
        p.setMaxControlLine(small ? 8 + rnd.nextInt(64) : ClientParser.DEFAULT_MAX_CONTROL_LINE);
        p.setMaxPayload(small ? rnd.nextInt(400) : ClientParser.DEFAULT_MAX_PAYLOAD);
        p.setHeadersEnabled(rnd.nextBoolean());
        p.setAwaitingAuth(rnd.nextInt(8) == 0);
        int bound = p.maxControlLine() + p.maxPayload() + SLACK;
        Recorder r = new Recorder(p);
        r.capacityBound = () -> bound;

        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < input.length;) {
            int n = Math.min(input.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 120));
            chunks.add(Arrays.copyOfRange(input, at, at + n));
            at += n;
        }
        for (byte[] c : chunks) {
            r.feed(c); // asserts no exception, full consumption, refCnt untouched
            assertTrue(p.bufferCapacity() <= bound, "round " + round + ": buffer " + p.bufferCapacity());
        }
        int errors = 0;
        for (int i = 0; i < r.events.size(); i++) {
            if (r.events.get(i).startsWith("ERROR ")) {
                errors++;
                assertEquals(r.events.size() - 1, i, "round " + round + ": events after the error " + r.events);
            }
        }
        assertTrue(errors <= 1);
        assertEquals(errors == 1, p.isDone() && errors == 1);
        p.close();
        for (ByteBuf b : alloc.allocated) {
            assertEquals(0, b.refCnt(), "round " + round + ": leaked parser buffer");
        }
    }
}
