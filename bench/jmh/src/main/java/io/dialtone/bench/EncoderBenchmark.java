package io.dialtone.bench;

import io.dialtone.protocol.ServerOps;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
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

/**
 * {@link ServerOps#writeMsg} throughput, per MSG: the delivery's encoding step. Each invocation writes
 * {@value #MSGS} MSG lines (subject, sid and payload slices of a pooled direct buffer, as the parser hands them
 * out) into one 32 KiB destination, cleared first. {@code destination}: {@code direct}, a pooled direct buffer as
 * the outbound uses (written through its address), or {@code heap} (written through the ByteBuf API).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EncoderBenchmark {

    /** MSG lines per invocation. */
    public static final int MSGS = 100;

    @Param({"16", "128", "1024"})
    public int size;

    @Param({"direct", "heap"})
    public String destination;

    private ByteBuf source;
    private ByteBuf subject;
    private ByteBuf sid;
    private ByteBuf payload;
    private ByteBuf out;

    @Setup(Level.Trial)
    public void setup() {
        byte[] subj = "bench.pubsub.12345".getBytes(StandardCharsets.US_ASCII);
        source = PooledByteBufAllocator.DEFAULT.directBuffer(subj.length + 1 + size);
        source.writeBytes(subj).writeByte('1').writeZero(size);
        subject = source.slice(0, subj.length);
        sid = Unpooled.wrappedBuffer(new byte[] {'1'});
        payload = source.slice(subj.length + 1, size);
        int capacity = MSGS * (subj.length + size + 32);
        out = "direct".equals(destination) ? PooledByteBufAllocator.DEFAULT.directBuffer(capacity)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(capacity);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        source.release();
        out.release();
    }

    @Benchmark
    @OperationsPerInvocation(MSGS)
    public int writeMsg() {
        ByteBuf o = out.clear();
        for (int i = 0; i < MSGS; i++) {
            ServerOps.writeMsg(o, subject, sid, Unpooled.EMPTY_BUFFER, payload);
        }
        return o.writerIndex();
    }
}
