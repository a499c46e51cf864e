package io.dialtone.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientParserSplitTest {

    static final byte[] ALL = Transcripts.bytes(Transcripts.ALL);
    static List<String> expected;

    static List<String> run(byte[]... chunks) {
        ClientParser p = new ClientParser();
        Recorder r = new Recorder(p);
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
