package io.dialtone.bench.store;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Appends per second, with 1 and 8 writer threads sharing one stream (group commit shows in file-sync at 8). The
 * stream keeps the newest 100 000 messages, so memory and disk stay bounded however long it runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreAppendBenchmark {

    @Param({"memory", "file-sync", "file-lazy"})
    public String provider;

    @Param({"16", "128", "1024"})
    public int size;

    private Path dir;
    private StorageProvider stores;
    private StreamStore stream;
    private byte[] payload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Stores.newDir();
        stores = Stores.provider(provider, dir);
        stream = stores.open("BENCH", "APPEND", StreamConfig.unlimited().withMaxMsgs(100_000));
        payload = new byte[size];
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        Stores.close(stream, stores, dir);
    }

    @Benchmark
    @Threads(1)
    public long append1() {
        return stream.store("bench.append", null, payload, System.nanoTime());
    }

    @Benchmark
    @Threads(8)
    public long append8() {
        return stream.store("bench.append", null, payload, System.nanoTime());
    }
}
