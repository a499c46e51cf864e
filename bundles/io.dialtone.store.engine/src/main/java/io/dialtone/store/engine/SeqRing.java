package io.dialtone.store.engine;

import java.util.Arrays;

/**
 * Per-sequence metadata in parallel primitive arrays used as a ring: no object per message. Covers the sequences
 * {@code [base, base + count)}; a slot whose subject is {@link #EMPTY} holds no message (an interior delete).
 * Per message: timestamp (8 B), backend reference (8 B), subject id (4 B), size (4 B).
 *
 * <p>Empty slots after the last held message are not trimmed (an append would only fill them again). Instead, when an
 * append leaves a gap, the gap's last slot points back (a negative reference, {@code -(seq + 1)}) to the message held
 * before it, so that finding the new last held message after a removal skips the gap in one step.
 */
final class SeqRing {

    static final int EMPTY = -1;
    private static final int MIN_CAPACITY = 16;

    private long base = 1;
    private int head;
    private int count;
    private long lastHeld;
    private long[] ts = new long[MIN_CAPACITY];
    private long[] ref = new long[MIN_CAPACITY];
    private int[] subject = new int[MIN_CAPACITY];
    private int[] size = new int[MIN_CAPACITY];

    long base() {
        return base;
    }

    /** One past the last covered sequence. */
    long end() {
        return base + count;
    }

    /** The last sequence holding a message, 0 when none. */
    long lastHeld() {
        return lastHeld;
    }

    boolean isEmpty() {
        return count == 0;
    }

    private int index(long seq) {
        return (head + (int) (seq - base)) & (subject.length - 1);
    }

    boolean holds(long seq) {
        return seq >= base && seq < base + count && subject[index(seq)] != EMPTY;
    }

    int subjectAt(long seq) {
        return seq >= base && seq < base + count ? subject[index(seq)] : EMPTY;
    }

    long timestampAt(long seq) {
        return ts[index(seq)];
    }

    long refAt(long seq) {
        return ref[index(seq)];
    }

    void setRef(long seq, long reference) {
        ref[index(seq)] = reference;
    }

    int sizeAt(long seq) {
        return size[index(seq)];
    }

    /** Adds a message at {@code seq >= end()}; the sequences between become empty slots. */
    void append(long seq, long timestamp, long reference, int subjectId, int bytes) {
        if (count == 0) {
            base = seq;
            head = 0;
            lastHeld = 0;
        }
        long need = seq - base + 1;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("sequence gap too large to index: " + base + ".." + seq);
        }
        ensureCapacity((int) need);
        while (base + count < seq) {
            int i = index(base + count);
            subject[i] = EMPTY;
            ref[i] = 0;
            count++;
        }
        if (seq > base && seq - 1 > lastHeld && lastHeld >= base) {
            ref[index(seq - 1)] = -(lastHeld + 1);
        }
        int i = index(seq);
        ts[i] = timestamp;
        ref[i] = reference;
        subject[i] = subjectId;
        size[i] = bytes;
        count++;
        lastHeld = seq;
    }

    void clear(long seq) {
        int i = index(seq);
        subject[i] = EMPTY;
        ref[i] = 0;
        if (seq == lastHeld) {
            lastHeld = heldBefore(seq);
        }
    }

    /** The last held sequence below {@code seq}, following gap pointers; 0 when none. */
    private long heldBefore(long seq) {
        long s = seq - 1;
        while (s >= base) {
            int i = index(s);
            if (subject[i] != EMPTY) {
                return s;
            }
            s = ref[i] < 0 ? Math.min(s - 1, -ref[i] - 1) : s - 1;
        }
        return 0;
    }

    /** Drops empty slots at the front; returns the new base. */
    long trimFront() {
        while (count > 0 && subject[head] == EMPTY) {
            head = (head + 1) & (subject.length - 1);
            base++;
            count--;
        }
        return base;
    }

    /** Forgets the slots above {@code seq} (all empty: a truncate removed them). */
    void cutAfter(long seq) {
        count = (int) Math.max(0, Math.min(count, seq - base + 1));
    }

    /** Empties the ring; the next append starts it again. */
    void reset(long newBase) {
        base = newBase;
        head = 0;
        count = 0;
        lastHeld = 0;
        if (subject.length > 1024) {
            ts = new long[MIN_CAPACITY];
            ref = new long[MIN_CAPACITY];
            subject = new int[MIN_CAPACITY];
            size = new int[MIN_CAPACITY];
        }
    }

    private void ensureCapacity(int need) {
        int cap = subject.length;
        if (need <= cap) {
            return;
        }
        int newCap = Integer.highestOneBit(need - 1) << 1;
        long[] nts = new long[newCap];
        long[] nref = new long[newCap];
        int[] nsub = new int[newCap];
        int[] nsize = new int[newCap];
        Arrays.fill(nsub, EMPTY);
        for (int k = 0; k < count; k++) {
            int i = (head + k) & (cap - 1);
            nts[k] = ts[i];
            nref[k] = ref[i];
            nsub[k] = subject[i];
            nsize[k] = size[i];
        }
        ts = nts;
        ref = nref;
        subject = nsub;
        size = nsize;
        head = 0;
    }
}
