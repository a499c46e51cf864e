package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientParserSplitTest {

    static final byte[] ALL = Transcripts.bytes(Transcripts.ALL);
    static List<String> expected;

    static List<String> run(byte[]... chunks) {
        return run(null, chunks);
    }

    static List<String> run(IntFunction<ByteBuf> input, byte[]... chunks) {
        ClientParser p = new ClientParser();
        Recorder r = new Recorder(p);
        if (input != null) {
            r.input = input;
        }
        r.capacityBound = () -> p.maxControlLine() + p.maxPayload() + 8;
        r.feed(chunks);
        assertTrue(p.bufferCapacity() <= p.maxControlLine() + p.maxPayload() + 8);
        p.close();
        assertEquals(0, p.bufferCapacity());
        return r.events;
    }

    @BeforeAll
    static void unsplit() {
        expected = run(ALL);
    }

    @Test
    void unsplitTranscriptHasEveryOperation() {
        assertEquals(List.of(
                "CONNECT {\"verbose\":false,\"headers\":true}",
                "INFO {\"x\":1}",
                "+OK",
                "PING",
                "PONG",
                "PING",
                "PUB foo||hello",
                "PUB foo|reply.1|",
                "PUB foo|reply|x",
                "PUB big||" + "0123456789".repeat(30),
                "HPUB foo||12|NATS/1.0\r\n\r\nhello",
                "HPUB foo|rep|18|NATS/1.0\r\nA: B\r\n\r\nx",
                "HPUB foo|rep|18|NATS/1.0\r\nA: B\r\n\r\n",
                "HPUB foo||0|",
                "HMSG",
                "SUB foo||1",
                "SUB foo|q|2",
                "SUB foo|q|3",
                "UNSUB 1|-1",
                "UNSUB 2|10",
                "UNSUB 3|-1",
                "CONNECT {}",
                "-ERR 'bye'",
                "ERROR CLIENT_SENT_ERR"), expected);
    }

    @Test
    void splitInTwoAtEveryByte() {
        for (int cut = 0; cut <= ALL.length; cut++) {
            assertEquals(expected, run(Arrays.copyOfRange(ALL, 0, cut), Arrays.copyOfRange(ALL, cut, ALL.length)),
                    "cut at " + cut);
        }
    }

    /** The parser reads arrays, native memory and composites directly or not: the same operations from each. */
    @Test
    void everyKindOfInputBufferAtEveryCut() {
        Map<String, IntFunction<ByteBuf>> kinds = Map.of("heap at an offset", Recorder::heapAtOffset,
                "direct slice", Recorder::directSlice, "composite", Recorder::composite);
        kinds.forEach((kind, input) -> {
            for (int cut = 0; cut <= ALL.length; cut++) {
                assertEquals(expected, run(input, Arrays.copyOfRange(ALL, 0, cut),
                        Arrays.copyOfRange(ALL, cut, ALL.length)), kind + ", cut at " + cut);
            }
        });
    }

    @Test
    void byteByByte() {
        byte[][] chunks = new byte[ALL.length][];
        for (int i = 0; i < ALL.length; i++) {
            chunks[i] = new byte[] {ALL[i]};
        }
        assertEquals(expected, run(chunks));
    }

    @Test
    void randomChunks() {
        Random rnd = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<byte[]> chunks = new ArrayList<>();
            int at = 0;
            while (at < ALL.length) {
                int n = Math.min(ALL.length - at, rnd.nextInt(rnd.nextBoolean() ? 8 : 400));
                chunks.add(Arrays.copyOfRange(ALL, at, at + n));
                at += n;
            }
            assertEquals(expected, run(chunks.toArray(new byte[0][])), "round " + round);
        }
    }
}
