package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.TckFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A file provider (sync mode) in a temporary directory, with small blocks (4 KiB) so that the TCK's streams span
 * several blocks and compaction runs; a restart closes it and opens a new one over the same directory.
 */
public final class FileFixture implements TckFixture {

    static final long SMALL_BLOCKS = 4096;

    private final Path dir;
    private FileStorageProvider provider;

    public FileFixture() throws IOException {
        dir = Files.createTempDirectory("dialtone-tck-");
    }

    @Override
    public StorageProvider provider() {
        if (provider == null) {
            provider = new FileStorageProvider(dir, "always", SMALL_BLOCKS, new RealFileIo());
        }
        return provider;
    }

    @Override
    public StorageProvider restarted() {
        provider();
        provider.close();
        provider = new FileStorageProvider(dir, "always", SMALL_BLOCKS, new RealFileIo());
        return provider;
    }

    @Override
    public void close() throws IOException {
        if (provider != null) {
            provider.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
