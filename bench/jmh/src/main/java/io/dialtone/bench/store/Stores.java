package io.dialtone.bench.store;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.file.internal.FileStorageProvider;
import io.dialtone.store.file.internal.RealFileIo;
import io.dialtone.store.memory.internal.MemoryStorageProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The providers the storage benchmarks compare: memory, file in sync mode (the default), file in lazy mode. */
final class Stores {

    private Stores() {
    }

    /** A provider by benchmark name: {@code memory}, {@code file-sync} or {@code file-lazy} (sync_interval 2m). */
    static StorageProvider provider(String kind, Path dir) {
        return switch (kind) {
            case "memory" -> new MemoryStorageProvider(0);
            case "file-sync" -> new FileStorageProvider(dir, "always", FileStorageProvider.DEFAULT_BLOCK_SIZE,
                    new RealFileIo());
            case "file-lazy" -> new FileStorageProvider(dir, "2m", FileStorageProvider.DEFAULT_BLOCK_SIZE,
                    new RealFileIo());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static void close(StorageProvider p) {
        if (p instanceof FileStorageProvider f) {
            f.close();
        }
    }

    /** Closes a benchmark's stream and provider and deletes its directory. */
    static void close(io.dialtone.api.storage.StreamStore stream, StorageProvider p, Path dir) throws IOException {
        stream.close();
        close(p);
        delete(dir);
    }

    /** A fresh directory under {@code -Ddialtone.bench.dir} (default: the temp directory). */
    static Path newDir() throws IOException {
        Path base = Path.of(System.getProperty("dialtone.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, "dialtone-store-bench-");
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
