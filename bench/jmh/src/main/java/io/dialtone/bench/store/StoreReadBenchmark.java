package io.dialtone.bench.store;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
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

/**
 * Reads from a stream of 100 000 messages of 128 B over 1 000 subjects: load by sequence, last by subject; and purge
 * by subject (each operation stores one message on a subject of its own and purges that subject). The file store
 * runs lazy here so that filling it does not take 100 000 syncs; reads do not depend on the mode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreReadBenchmark {

    private static final int MSGS = 100_000;
    private static final int SUBJECTS = 1_000;

    @Param({"memory", "file-lazy"})
    public String provider;

    private Path dir;
    private StorageProvider stores;
    private StreamStore stream;
    private final StoredMessage holder = new StoredMessage();
    private final byte[] payload = new byte[128];
    private long purges;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Stores.newDir();
        stores = Stores.provider(provider, dir);
        stream = stores.open("BENCH", "READ", StreamConfig.unlimited());
        for (int i = 0; i < MSGS; i++) {
            stream.store("bench.read." + i % SUBJECTS, null, payload, i);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        Stores.close(stream, stores, dir);
    }

    @Benchmark
    public StoredMessage loadBySequence() {
        stream.load(1 + ThreadLocalRandom.current().nextInt(MSGS), holder);
        return holder;
    }

    @Benchmark
    public StoredMessage lastBySubject() {
        stream.loadLast("bench.read." + ThreadLocalRandom.current().nextInt(SUBJECTS), holder);
        return holder;
    }

    @Benchmark
    public long storeAndPurgeSubject() {
        String subject = "bench.purge." + purges++;
        stream.store(subject, null, payload, 0);
        return stream.purge(subject, 0, 0);
    }
}
