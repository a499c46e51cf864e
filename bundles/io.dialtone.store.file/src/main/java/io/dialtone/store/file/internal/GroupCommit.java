package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Group commit: writers note what they wrote (under the store's lock), then wait outside it until a sync covers
 * their mark. One waiter at a time runs the fdatasync of every file written since the last one; writers arriving
 * meanwhile go out together with the next. In lazy mode nobody waits: {@link #syncNow()} runs on a timer.
 *
 * <p>A failed sync fails the store for good (the kernel may have dropped the dirty pages): every later commit throws
 * until the store is reopened and recovered from what is on disk.
 */
final class GroupCommit {

    private final boolean lazy;
    private final Set<FileIo.FileHandle> dirty = new LinkedHashSet<>();
    private long written;
    private long synced;
    private boolean syncing;
    private IOException failure;
    private long syncs;

    GroupCommit(boolean lazy) {
        this.lazy = lazy;
    }

    /** Whether writes return before they are synced ({@code sync_interval} set). */
    boolean lazy() {
        return lazy;
    }

    /** Records a write to {@code file}; returns the new mark. */
    synchronized long wrote(FileIo.FileHandle file, long bytes) {
        dirty.add(file);
        written += bytes;
        return written;
    }

    synchronized long mark() {
        return written;
    }

    /** Returns once everything up to {@code mark} is synced (at once in lazy mode). */
    void commit(long mark) {
        if (!lazy) {
            syncUpTo(mark);
        }
        checkFailure();
    }

    /** Syncs everything written so far. */
    void syncNow() {
        syncUpTo(mark());
        checkFailure();
    }

    private synchronized void checkFailure() {
        if (failure != null) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "sync failed: " + failure.getMessage(),
                    failure);
        }
    }

    private void syncUpTo(long mark) {
        while (true) {
            List<FileIo.FileHandle> files;
            long target;
            synchronized (this) {
                while (syncing && synced < mark && failure == null) {
                    waitQuietly();
                }
                if (synced >= mark || failure != null) {
                    return;
                }
                syncing = true;
                target = written;
                files = List.copyOf(dirty);
                dirty.clear();
            }
            IOException error = null;
            for (FileIo.FileHandle f : files) {
                try {
                    f.force();
                } catch (java.nio.channels.ClosedChannelException e) {
                    // a block rewritten or removed meanwhile: its replacement was synced before the swap
                } catch (IOException e) {
                    error = e;
                }
            }
            synchronized (this) {
                syncing = false;
                syncs++;
                if (error != null) {
                    failure = error;
                } else {
                    synced = Math.max(synced, target);
                }
                notifyAll();
            }
        }
    }

    /**
     * Runs {@code action} while no sync runs (a block swap): waits for a running sync, keeps others out meanwhile.
     */
    void exclusive(Runnable action) {
        synchronized (this) {
            while (syncing) {
                waitQuietly();
            }
            syncing = true;
        }
        try {
            action.run();
        } finally {
            synchronized (this) {
                syncing = false;
                notifyAll();
            }
        }
    }

    /** Forgets a file closed for good (its data synced by whoever closed it). */
    synchronized void forget(FileIo.FileHandle file) {
        dirty.remove(file);
    }

    /** How many syncs ran (each covering one group of writers). */
    synchronized long syncs() {
        return syncs;
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "interrupted waiting for a sync");
        }
    }
}
