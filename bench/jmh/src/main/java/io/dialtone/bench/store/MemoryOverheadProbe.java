package io.dialtone.bench.store;

import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import io.dialtone.store.memory.internal.MemoryStorageProvider;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes the memory store spends per message beyond its subject, headers and payload, measured with JOL over the
 * whole provider object graph (index arrays, blob pool, subject table) after storing N messages on 100 subjects.
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar io.dialtone.bench.store.MemoryOverheadProbe [n] [payload]</pre>
 */
public final class MemoryOverheadProbe {

    private MemoryOverheadProbe() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int payload = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        MemoryStorageProvider provider = new MemoryStorageProvider(0);
        long empty = GraphLayout.parseInstance(provider).totalSize();
        StreamStore s = provider.open("BENCH", "MEM", StreamConfig.unlimited());
        long subjects = 0;
        for (int i = 0; i < n; i++) {
            String subject = "bench.mem." + i % 100;
            s.store(subject, null, new byte[payload], i);
        }
        for (int i = 0; i < 100; i++) {
            subjects += ("bench.mem." + i).length();
        }
        long total = GraphLayout.parseInstance(provider).totalSize() - empty;
        long data = (long) n * payload + subjects;
        System.out.printf("%d messages of %d B: %d B in the provider's graph, %d B of subjects and payloads;"
                + " %.1f B per message beyond them%n", n, payload, total, data, (total - data) / (double) n);
    }
}
