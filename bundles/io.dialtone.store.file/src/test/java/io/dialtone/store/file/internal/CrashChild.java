package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child JVM of {@link CrashTest}: opens the stream in sync mode and writes from four threads until it is
 * killed, printing {@code ACK <seq> <nonce>} for each write once the store has reported it stored; the payload
 * follows from the nonce ({@link Payloads#of}).
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long run = Long.parseLong(args[1]);
        StorageProvider provider = new FileStorageProvider(dir, "always", 64 * 1024, new RealFileIo());
        StreamStore store = provider.open("A", "S", StreamConfig.unlimited());
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        for (int t = 0; t < 4; t++) {
            long base = run * 1_000_000_000L + t * 100_000_000L;
            Thread w = new Thread(() -> {
                for (long i = 0;; i++) {
                    long nonce = base + i;
                    long seq = store.store("crash." + (nonce % 7), null, Payloads.of(nonce), nonce);
                    out.println("ACK " + seq + " " + nonce);
                }
            });
            w.start();
        }
    }
}
