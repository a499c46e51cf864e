package io.dialtone.bench;

import io.dialtone.protocol.ClientOps;
import io.dialtone.protocol.ClientParser;
import io.dialtone.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link ClientParser#parse} throughput, per frame. Each invocation parses a pre-built direct buffer
 * holding {@value #FRAMES} frames of one {@link #frame kind} (its reader index is reset, nothing is
 * copied or allocated by the benchmark itself).
 *
 * <ul>
 *   <li>{@code whole}: the batch in one read, so every callback gets slices of the input.</li>
 *   <li>{@code split}: the same batch in two reads, cut at a fixed odd offset near the middle, so one
 *       frame per batch takes the split-frame copy path (control line, or control line plus payload,
 *       copied into the parser's buffer).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecoderBenchmark {

    /** Frames per batch (per invocation). */
    public static final int FRAMES = 100;

    /**
     * PUB_16/PUB_128/PUB_1K: PUB with that payload size; HPUB: a small (36-byte) header and a 16-byte
     * payload; SUB_UNSUB: alternating SUB (with queue group on every other) and UNSUB (with max on
     * every other); PING; MIXED: a repeating mix of all of those, with reply subjects on some PUBs.
     */
    @Param({"PUB_16", "PUB_128", "PUB_1K", "HPUB", "SUB_UNSUB", "PING", "MIXED"})
    public String frame;

    private ClientParser parser;
    private SumOps ops;
    private ByteBuf batch;
    private ByteBuf first;
    private ByteBuf second;

    @Setup(Level.Trial)
    public void setup() {
        byte[] bytes = buildBatch(frame);
        batch = Unpooled.directBuffer(bytes.length, bytes.length);
        batch.writeBytes(bytes);
        int split = (bytes.length / 2) | 1;
        first = batch.slice(0, split);
        second = batch.slice(split, bytes.length - split);

        parser = new ClientParser();
        parser.setHeadersEnabled(true);
        ops = new SumOps();

        // Sanity: both variants decode exactly FRAMES operations and no error.
        long before = ops.frames;
        wholeBatch();
        splitBatch();
        if (ops.frames - before != 2L * FRAMES || parser.isDone()) {
            throw new IllegalStateException(frame + ": decoded " + (ops.frames - before)
                    + " operations in two batches, expected " + 2 * FRAMES);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parser.close();
        batch.release();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void whole(Blackhole bh) {
        wholeBatch();
        bh.consume(ops.sum);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void split(Blackhole bh) {
        splitBatch();
        bh.consume(ops.sum);
    }

    private void wholeBatch() {
        batch.readerIndex(0);
        parser.parse(batch, ops);
    }

    private void splitBatch() {
        first.readerIndex(0);
        parser.parse(first, ops);
        second.readerIndex(0);
        parser.parse(second, ops);
    }

    /** Sums what a broker would look at; keeps no reference to the (call-scoped) slices. */
    static final class SumOps implements ClientOps {
        long sum;
        long frames;

        @Override
        public void onConnect(ByteBuf json) {
            sum += json.readableBytes();
            frames++;
        }

        @Override
        public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) {
            sum += subject.readableBytes() + reply.readableBytes() + payload.readableBytes();
            frames++;
        }

        @Override
        public void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
            sum += subject.readableBytes() + reply.readableBytes() + headerSize + message.readableBytes();
            frames++;
        }

        @Override
        public void onSub(ByteBuf subject, ByteBuf queue, ByteBuf sid) {
            sum += subject.readableBytes() + queue.readableBytes() + sid.readableBytes();
            frames++;
        }

        @Override
        public void onUnsub(ByteBuf sid, long max) {
            sum += sid.readableBytes() + max;
            frames++;
        }

        @Override
        public void onPing() {
            sum++;
            frames++;
        }

        @Override
        public void onPong() {
            sum++;
            frames++;
        }

        @Override
        public void protocolError(ProtocolError error) {
            throw new IllegalStateException("protocol error: " + error);
        }
    }

    // ------------------------------------------------------------------ batch construction

    private static final String[] REGIONS = {"us-east", "us-west", "eu-west", "eu-central"};
    private static final String HEADER = "NATS/1.0\r\nTrace-Id: 4bf92f3577b3\r\n\r\n";

    static byte[] buildBatch(String kind) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FRAMES; i++) {
            switch (kind) {
                case "PUB_16" -> pub(sb, i, 16, false);
                case "PUB_128" -> pub(sb, i, 128, false);
                case "PUB_1K" -> pub(sb, i, 1024, false);
                case "HPUB" -> hpub(sb, i, 16, false);
                case "SUB_UNSUB" -> subOrUnsub(sb, i);
                case "PING" -> sb.append("PING\r\n");
                case "MIXED" -> {
                    switch (i % 10) {
                        case 0, 1, 2 -> pub(sb, i, 16, i % 3 == 0);
                        case 3, 4 -> pub(sb, i, 128, false);
                        case 5 -> pub(sb, i, 1024, true);
                        case 6 -> hpub(sb, i, 16, true);
                        case 7, 8 -> subOrUnsub(sb, i);
                        default -> sb.append("PING\r\n");
                    }
                }
                default -> throw new IllegalArgumentException("unknown frame kind " + kind);
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String subject(int i) {
        return "orders." + REGIONS[i % REGIONS.length] + "." + (100000 + i * 7919 % 100000);
    }

    private static void pub(StringBuilder sb, int i, int size, boolean reply) {
        sb.append("PUB ").append(subject(i));
        if (reply) {
            sb.append(" _INBOX.JzL3x9sQvN0bKf2T.").append(i);
        }
        sb.append(' ').append(size).append("\r\n").append(payload(i, size)).append("\r\n");
    }

    private static void hpub(StringBuilder sb, int i, int size, boolean reply) {
        sb.append("HPUB ").append(subject(i));
        if (reply) {
            sb.append(" _INBOX.JzL3x9sQvN0bKf2T.").append(i);
        }
        sb.append(' ').append(HEADER.length()).append(' ').append(HEADER.length() + size).append("\r\n")
                .append(HEADER).append(payload(i, size)).append("\r\n");
    }

    private static void subOrUnsub(StringBuilder sb, int i) {
        int sid = i / 2 + 1;
        if (i % 2 == 0) {
            sb.append("SUB ").append(subject(i));
            if (i % 4 == 0) {
                sb.append(" workers");
            }
            sb.append(' ').append(sid).append("\r\n");
        } else {
            sb.append("UNSUB ").append(sid);
            if (i % 4 == 1) {
                sb.append(" 10");
            }
            sb.append("\r\n");
        }
    }

    private static String payload(int i, int size) {
        char[] c = new char[size];
        Arrays.fill(c, (char) ('a' + i % 26));
        return new String(c);
    }
}
