package io.dialtone.monitor.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process's resident memory and CPU use, as nats-server's /varz {@code mem} (bytes) and {@code cpu} (percent of one
 * core, averaged since the previous sample) report them.
 */
final class ProcessStats {

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;

    private long lastCpuNanos;
    private long lastWallNanos = System.nanoTime();
    private double lastCpu;

    /** Resident set size in bytes; the JVM's committed heap where /proc is not available. */
    long memory() {
        try {
            String[] f = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().totalMemory();
        }
    }

    /** CPU percent since the last call (the first call: since this object was made). */
    synchronized double cpu() {
        long cpuNanos = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        long wall = System.nanoTime();
        long elapsed = wall - lastWallNanos;
        if (elapsed > 100_000_000L && cpuNanos > 0) {
            double pct = 100.0 * (cpuNanos - lastCpuNanos) / elapsed;
            lastCpu = Math.round(pct * 10) / 10.0;
            lastCpuNanos = cpuNanos;
            lastWallNanos = wall;
        }
        return lastCpu;
    }
}
