package io.dialtone.store.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The I/O seam's test double: files in memory that remember what was last synced. {@link #powerLoss} keeps only
 * synced bytes (optionally plus a torn prefix of what was written after) and makes every further call fail until
 * {@link #reboot()}. It can also be full ({@link #capacity}), read-only, or refuse to read chosen files. Directory
 * operations are durable at once.
 */
final class PowerLossIo implements FileIo {

    private static final class Node {
        byte[] data = new byte[0];
        int size;
        byte[] durable = new byte[0];
    }

    private final Map<Path, Node> files = new HashMap<>();
    private final Set<Path> dirs = new HashSet<>();
    private boolean dead;
    private long forces;
    volatile long capacity = Long.MAX_VALUE;
    volatile boolean readOnly;
    volatile Predicate<Path> unreadable = p -> false;
    /** When set, every force fails (an fsync error: the kernel may have dropped the dirty pages). */
    volatile boolean failForces;
    /** When set, every force waits for it (outside the lock) first: a slow disk that tests control. */
    volatile java.util.concurrent.CountDownLatch forceGate;
    final java.util.concurrent.atomic.AtomicInteger forcesWaiting = new java.util.concurrent.atomic.AtomicInteger();

    /** Loses power: keeps each file's synced bytes, plus a random prefix of its unsynced tail when {@code tear}. */
    synchronized void powerLoss(Random rnd, boolean tear) {
        dead = true;
        for (Node n : files.values()) {
            int extra = 0;
            boolean sameStart = n.size >= n.durable.length
                    && Arrays.equals(n.data, 0, n.durable.length, n.durable, 0, n.durable.length);
            if (tear && sameStart && n.size > n.durable.length) {
                extra = rnd.nextInt(n.size - n.durable.length + 1);
            }
            byte[] kept = Arrays.copyOf(n.durable, n.durable.length + extra);
            System.arraycopy(n.data, n.durable.length, kept, n.durable.length, extra);
            n.data = kept;
            n.size = kept.length;
            n.durable = Arrays.copyOf(kept, kept.length);
        }
    }

    synchronized void reboot() {
        dead = false;
    }

    synchronized long forces() {
        return forces;
    }

    private void alive() throws IOException {
        if (dead) {
            throw new IOException("power lost");
        }
    }

    private long used() {
        long n = 0;
        for (Node f : files.values()) {
            n += f.size;
        }
        return n;
    }

    @Override
    public synchronized FileHandle open(Path file, boolean write) throws IOException {
        alive();
        if (write && readOnly) {
            throw new AccessDeniedException(file.toString(), null, "read-only file system");
        }
        if (unreadable.test(file)) {
            throw new AccessDeniedException(file.toString(), null, "permission denied");
        }
        Node node = files.get(file);
        if (node == null) {
            if (!write) {
                throw new NoSuchFileException(file.toString());
            }
            node = new Node();
            files.put(file, node);
        }
        return new Handle(file);
    }

    private final class Handle implements FileHandle {
        private final Path path;

        Handle(Path path) {
            this.path = path;
        }

        private Node node() throws IOException {
            alive();
            Node n = files.get(path);
            if (n == null) {
                throw new NoSuchFileException(path.toString());
            }
            return n;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (PowerLossIo.this) {
                Node n = node();
                if (position >= n.size) {
                    return -1;
                }
                int len = (int) Math.min(dst.remaining(), n.size - position);
                dst.put(n.data, (int) position, len);
                return len;
            }
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            synchronized (PowerLossIo.this) {
                Node n = node();
                if (readOnly) {
                    throw new AccessDeniedException(path.toString(), null, "read-only file system");
                }
                int len = src.remaining();
                long end = position + len;
                if (end > n.size && used() + (end - n.size) > capacity) {
                    throw new IOException("No space left on device");
                }
                if (end > n.data.length) {
                    n.data = Arrays.copyOf(n.data, (int) Math.max(end, n.data.length * 2L));
                }
                src.get(n.data, (int) position, len);
                n.size = (int) Math.max(n.size, end);
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (PowerLossIo.this) {
                return node().size;
            }
        }

        @Override
        public void force() throws IOException {
            java.util.concurrent.CountDownLatch gate = forceGate;
            if (gate != null) {
                forcesWaiting.incrementAndGet();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            synchronized (PowerLossIo.this) {
                Node n = node();
                if (failForces) {
                    throw new IOException("Input/output error");
                }
                n.durable = Arrays.copyOf(n.data, n.size);
                forces++;
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (PowerLossIo.this) {
                Node n = node();
                n.size = (int) Math.min(n.size, size);
            }
        }

        @Override
        public void close() {
        }
    }

    @Override
    public synchronized boolean exists(Path path) {
        return files.containsKey(path) || dirs.contains(path);
    }

    @Override
    public synchronized List<Path> list(Path dir) throws IOException {
        alive();
        List<Path> out = new ArrayList<>();
        for (Path p : files.keySet()) {
            if (dir.equals(p.getParent())) {
                out.add(p);
            }
        }
        for (Path p : dirs) {
            if (dir.equals(p.getParent())) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        alive();
        for (Path p = dir; p != null && !dirs.contains(p); p = p.getParent()) {
            if (readOnly) {
                throw new AccessDeniedException(p.toString(), null, "read-only file system");
            }
            dirs.add(p);
        }
    }

    @Override
    public synchronized void move(Path from, Path to) throws IOException {
        alive();
        if (readOnly) {
            throw new AccessDeniedException(from.toString(), null, "read-only file system");
        }
        Node n = files.remove(from);
        if (n == null) {
            throw new NoSuchFileException(from.toString());
        }
        files.put(to, n);
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        alive();
        files.remove(path);
        dirs.remove(path);
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        alive();
    }

    /** A file's current bytes (for tests that look at what is on "disk"). */
    synchronized byte[] contents(Path file) {
        Node n = files.get(file);
        return n == null ? null : Arrays.copyOf(n.data, n.size);
    }
}
