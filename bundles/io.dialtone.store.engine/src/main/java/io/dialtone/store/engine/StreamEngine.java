package io.dialtone.store.engine;

import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StoreListener;
import io.dialtone.api.storage.StoreListener.Cause;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.StreamStore;
import io.dialtone.api.storage.SubjectState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.SortedMap;
import java.util.function.LongSupplier;

/**
 * The operation logic of a stream store over a {@link Backend}: validation, sequences, limits, purge, compact,
 * truncate, snapshots. One lock (this object) guards the index; a mutation's effects go to the backend under it, and
 * the backend's commit (a sync, for the file store) runs after it is released, so that concurrent writers share one
 * commit. Providers extend this with their consumer stores and lifecycle; a durable provider rebuilds the index at
 * open through the {@code replay*} methods.
 */
public abstract class StreamEngine implements StreamStore {

    protected final Backend backend;
    private final StreamIndex index = new StreamIndex();
    /** The operation that limit removals belong to (set before each enforcement, under the lock). */
    private long limitOp;
    private final Limits limits = new Limits(index, (seq, cause) -> removeOne(seq, limitOp, false, cause));
    private StreamConfig config;
    private volatile StoreListener listener;
    private long applied;
    private boolean closed;

    protected StreamEngine(Backend backend, StreamConfig config) {
        this.backend = backend;
        this.config = config;
    }

    /** Runs a mutation under the lock, then commits what it wrote outside it. */
    private long mutate(LongSupplier op) {
        long result;
        long mark;
        synchronized (this) {
            checkOpen();
            result = op.getAsLong();
            backend.maintain();
            mark = backend.mark();
        }
        backend.commit(mark);
        return result;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(Reason.CLOSED, "store is closed");
        }
    }

    @Override
    public long store(String subject, byte[] headers, byte[] payload, long timestamp) {
        if (!Subjects.validLiteral(subject)) {
            throw new StorageException(Reason.BAD_REQUEST, "invalid subject '" + subject + "'");
        }
        byte[] body = payload == null ? new byte[0] : payload;
        int hl = headers == null ? 0 : headers.length;
        long size = StreamState.msgSize(subject, hl, body.length);
        return mutate(() -> {
            limits.admit(config, subject, hl, body.length, size);
            long op = applied + 1;
            long seq = index.last + 1;
            long ref = backend.append(op, seq, subject, headers, body, timestamp);
            index.add(seq, subject, (int) size, timestamp, ref);
            applied = op;
            limitOp = op;
            limits.perSubject(config, index.entry(subject));
            limits.msgsAndBytes(config);
            limits.expire(config, timestamp);
            return seq;
        });
    }

    private void removeOne(long seq, long op, boolean erase, Cause cause) {
        String subject = index.subjectOf(seq);
        int size = index.sizeOf(seq);
        backend.tombstone(op, seq, index.refOf(seq), size, erase);
        index.remove(seq);
        StoreListener l = listener;
        if (cause != null && l != null) {
            l.removed(seq, subject, size, cause);
        }
    }

    @Override
    public long skip() {
        return mutate(() -> {
            long seq = index.last + 1;
            skipLocked(seq, 1);
            return seq;
        });
    }

    @Override
    public void skip(long seq, long count) {
        mutate(() -> {
            if (seq != index.last + 1) {
                throw new StorageException(Reason.SEQUENCE_MISMATCH, "skip at " + seq + ", last is " + index.last);
            }
            if (count > 0) {
                skipLocked(seq, count);
            }
            return 0;
        });
    }

    private void skipLocked(long seq, long count) {
        long op = applied + 1;
        backend.skip(op, seq, count);
        index.raiseLast(seq + count - 1);
        applied = op;
    }

    @Override
    public synchronized boolean load(long seq, StoredMessage into) {
        checkOpen();
        if (!index.holds(seq)) {
            return false;
        }
        backend.read(index.refOf(seq), seq, index.timestampOf(seq), index.subjectOf(seq), into);
        return true;
    }

    @Override
    public synchronized long loadNext(String filter, long fromSeq, StoredMessage into) {
        checkOpen();
        long seq = index.nextMatching(filter, fromSeq);
        return seq != 0 && load(seq, into) ? seq : 0;
    }

    @Override
    public synchronized boolean loadLast(String filter, StoredMessage into) {
        checkOpen();
        long seq = index.lastMatching(filter);
        return seq != 0 && load(seq, into);
    }

    @Override
    public boolean remove(long seq) {
        return removeOrErase(seq, false);
    }

    @Override
    public boolean erase(long seq) {
        return removeOrErase(seq, true);
    }

    private boolean removeOrErase(long seq, boolean erase) {
        return mutate(() -> {
            if (!index.holds(seq)) {
                return 0;
            }
            applied++;
            removeOne(seq, applied, erase, null);
            return 1;
        }) == 1;
    }

    @Override
    public long purge() {
        return mutate(() -> {
            if (index.msgs == 0) {
                return 0;
            }
            long n = index.msgs;
            applied++;
            backend.floor(applied, index.last + 1);
            floorLocked(index.last + 1);
            return n;
        });
    }

    /** Drops every held message below {@code seq} (already recorded by the caller) and raises last to seq - 1. */
    private void floorLocked(long seq) {
        index.forEachHeld(index.first, seq - 1, s -> {
            backend.discard(index.refOf(s), index.sizeOf(s));
            index.remove(s);
        });
        index.raiseLast(seq - 1);
    }

    @Override
    public long purge(String filter, long belowSeq, long keep) {
        if (Subjects.isAll(filter) && keep <= 0) {
            return belowSeq > 0 ? compact(belowSeq) : purge();
        }
        return mutate(() -> {
            SubjectState matching = index.filtered(filter, 0);
            long quota = matching.msgs() - Math.max(0, keep);
            long upTo = belowSeq > 0 ? belowSeq - 1 : index.last;
            long[] removed = {0};
            if (quota > 0) {
                long op = applied + 1;
                index.forEachHeld(matching.firstSeq(), Math.min(upTo, matching.lastSeq()), s -> {
                    if (removed[0] < quota && Subjects.matches(filter, index.subjectOf(s))) {
                        removeOne(s, op, false, null);
                        removed[0]++;
                    }
                });
                applied = removed[0] > 0 ? op : applied;
            }
            return removed[0];
        });
    }

    @Override
    public long compact(long seq) {
        return mutate(() -> {
            if (seq <= index.first) {
                return 0;
            }
            long before = index.msgs;
            applied++;
            backend.floor(applied, seq);
            floorLocked(seq);
            return before - index.msgs;
        });
    }

    @Override
    public void truncate(long seq) {
        mutate(() -> {
            if (seq >= index.last) {
                return 0;
            }
            applied++;
            backend.truncate(applied, seq);
            truncateLocked(seq);
            return 0;
        });
    }

    private void truncateLocked(long seq) {
        index.forEachHeld(seq + 1, index.last, s -> {
            backend.discard(index.refOf(s), index.sizeOf(s));
            index.remove(s);
        });
        index.lowerLast(seq);
    }

    @Override
    public long expire(long nowNanos) {
        return mutate(() -> {
            limitOp = applied + 1;
            return countOp(limits.expire(config, nowNanos));
        });
    }

    @Override
    public void updateConfig(StreamConfig newConfig) {
        mutate(() -> {
            config = newConfig;
            limitOp = applied + 1;
            long removed = 0;
            for (String subject : List.copyOf(index.subjects(">").keySet())) {
                removed += limits.perSubject(config, index.entry(subject));
            }
            return countOp(removed + limits.msgsAndBytes(config));
        });
    }

    /** Counts the operation when it removed something. */
    private long countOp(long removed) {
        if (removed > 0) {
            applied++;
        }
        return removed;
    }

    /** The limits in force. */
    public synchronized StreamConfig config() {
        return config;
    }

    @Override
    public synchronized long sequenceAt(long timestampNanos) {
        checkOpen();
        return index.sequenceAt(timestampNanos);
    }

    @Override
    public synchronized StreamState state() {
        checkOpen();
        return index.state();
    }

    @Override
    public synchronized List<SeqRange> deletedRanges() {
        checkOpen();
        return index.deletedRanges();
    }

    @Override
    public synchronized SubjectState filtered(String filter, long fromSeq) {
        checkOpen();
        return index.filtered(filter, fromSeq);
    }

    @Override
    public synchronized SortedMap<String, SubjectState> subjects(String filter) {
        checkOpen();
        return index.subjects(filter);
    }

    @Override
    public void listener(StoreListener l) {
        this.listener = l;
    }

    @Override
    public synchronized long lastApplied() {
        return applied;
    }

    @Override
    public void snapshot(OutputStream out) throws IOException {
        synchronized (this) {
            checkOpen();
            SnapshotCodec.write(out, index.first, index.last, applied, index.msgs, (from, into) -> {
                long seq = index.nextMatching(">", from);
                return seq != 0 && load(seq, into) ? seq : 0;
            });
        }
    }

    /**
     * Reads and checks the whole snapshot before touching the store, so that a bad snapshot changes nothing (it is
     * held in memory meanwhile).
     */
    @Override
    public void restore(InputStream in) throws IOException {
        SnapshotCodec.Reader reader = SnapshotCodec.read(in);
        List<StoredMessage> messages = new java.util.ArrayList<>();
        for (StoredMessage m = new StoredMessage(); reader.next(m); m = new StoredMessage()) {
            messages.add(m);
        }
        mutate(() -> {
            backend.reset(reader.first(), reader.last(), reader.applied());
            forgetAll(reader.first(), reader.last());
            for (StoredMessage m : messages) {
                byte[] hdr = m.headerLength() == 0 ? null : m.headers();
                long ref = backend.append(reader.applied(), m.seq(), m.subject(), hdr, m.payload(), m.timestamp());
                index.add(m.seq(), m.subject(), (int) StreamState.msgSize(m.subject(), m.headerLength(),
                        m.payloadLength()), m.timestamp(), ref);
            }
            index.raiseLast(reader.last());
            applied = reader.applied();
            return 0;
        });
    }

    /** Drops the whole index (the backend has dropped the bytes) and starts empty at first, last. */
    private void forgetAll(long first, long last) {
        index.reset(first, last);
    }

    /** Marks the store closed; the provider releases its resources. */
    protected synchronized void markClosed() {
        closed = true;
    }

    /** Marks a closed store open again. */
    protected synchronized void reopened() {
        closed = false;
    }

    protected synchronized boolean isClosed() {
        return closed;
    }

    // ---- replay: a durable provider rebuilds the index from its records, in the order they were written ----

    /** A stored message. */
    protected final synchronized void replayStore(long op, long seq, String subject, int size, long ts, long ref) {
        if (seq <= index.lastHeld()) {
            backend.discard(ref, size);
            return;
        }
        index.add(seq, subject, size, ts, ref);
        applied = Math.max(applied, op);
    }

    /** A removed message; it existed, so last is at least {@code seq}. */
    protected final synchronized void replayTombstone(long op, long seq) {
        if (index.holds(seq)) {
            backend.discard(index.refOf(seq), index.sizeOf(seq));
            index.remove(seq);
        }
        index.raiseLast(seq);
        applied = Math.max(applied, op);
    }

    /** A floor: everything below {@code seq} removed. */
    protected final synchronized void replayFloor(long op, long seq) {
        floorLocked(seq);
        applied = Math.max(applied, op);
    }

    /** A truncate to {@code seq}. */
    protected final synchronized void replayTruncate(long op, long seq) {
        if (seq < index.last) {
            truncateLocked(seq);
        }
        applied = Math.max(applied, op);
    }

    /** Skipped sequences up to {@code lastSeq}. */
    protected final synchronized void replaySkip(long op, long lastSeq) {
        index.raiseLast(lastSeq);
        applied = Math.max(applied, op);
    }

    /** The reference of held message {@code seq}, or -1; for a backend reorganising its files (under the lock). */
    protected final synchronized long heldRef(long seq) {
        return index.holds(seq) ? index.refOf(seq) : -1;
    }

    /** Held message {@code seq} moved: its reference is now {@code ref} (under the lock). */
    protected final synchronized void relocate(long seq, long ref) {
        index.relocate(seq, ref);
    }

    /** The state of an index, for a durable provider's checkpoint records. */
    protected final synchronized long[] firstLastApplied() {
        return new long[] {index.first, index.last, applied};
    }
}
