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

/**
 * Time to open (recover) a file store of {@code mib} MiB of 1 KiB messages: every block read, checked and replayed.
 * The target is a 1 GiB store ({@code -p mib=1024}) in under 5 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreRecoveryBenchmark {

    @Param({"64"})
    public int mib;

    private Path dir;

    @Setup(Level.Trial)
    public void write() throws Exception {
        dir = Stores.newDir();
        StorageProvider p = Stores.provider("file-lazy", dir);
        StreamStore s = p.open("BENCH", "RECOVER", StreamConfig.unlimited());
        byte[] payload = new byte[1024];
        for (long i = 0, n = (long) mib << 10; i < n; i++) {
            s.store("bench.recover." + i % 100, null, payload, i);
        }
        s.close();
        Stores.close(p);
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        Stores.delete(dir);
    }

    @Benchmark
    public long recover() {
        StorageProvider p = Stores.provider("file-sync", dir);
        StreamStore s = p.open("BENCH", "RECOVER", StreamConfig.unlimited());
        long msgs = s.state().msgs();
        s.close();
        Stores.close(p);
        return msgs;
    }
}
