package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StoredMessage;
import io.dialtone.store.engine.Backend;
import java.util.Arrays;

/**
 * Keeps each message's headers and payload in one byte array in a pool slot; the engine's reference is the slot
 * (low 32 bits) and the header length (high 32 bits). Per message: the array (16 B header) and its pool slot (4 B),
 * beside the engine's 24 B of metadata. Nothing to make durable: commit returns at once.
 */
final class MemoryBackend implements Backend {

    private final MemoryBudget budget;
    private byte[][] blobs = new byte[16][];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int next;

    MemoryBackend(MemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public long append(long op, long seq, String subject, byte[] headers, byte[] payload, long timestamp) {
        int hl = headers == null ? 0 : headers.length;
        byte[] blob = new byte[hl + payload.length];
        budget.reserve(blob.length);
        if (hl > 0) {
            System.arraycopy(headers, 0, blob, 0, hl);
        }
        System.arraycopy(payload, 0, blob, hl, payload.length);
        int slot = takeSlot();
        blobs[slot] = blob;
        return ((long) hl << 32) | slot;
    }

    private int takeSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (next == blobs.length) {
            blobs = Arrays.copyOf(blobs, blobs.length * 2);
        }
        return next++;
    }

    @Override
    public void read(long ref, long seq, long timestamp, String subject, StoredMessage into) {
        byte[] blob = blobs[(int) ref];
        int hl = (int) (ref >>> 32);
        byte[] buf = into.fill(seq, timestamp, subject, hl, blob.length - hl);
        System.arraycopy(blob, 0, buf, 0, blob.length);
    }

    @Override
    public void tombstone(long op, long seq, long ref, int size, boolean erase) {
        if (erase) {
            Arrays.fill(blobs[(int) ref], (byte) 0);
        }
        discard(ref, size);
    }

    @Override
    public void discard(long ref, int size) {
        int slot = (int) ref;
        byte[] blob = blobs[slot];
        blobs[slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = slot;
        budget.release(blob.length);
    }

    @Override
    public void floor(long op, long seq) {
    }

    @Override
    public void truncate(long op, long seq) {
    }

    @Override
    public void skip(long op, long seq, long count) {
    }

    @Override
    public void reset(long first, long last, long op) {
        for (int i = 0; i < next; i++) {
            if (blobs[i] != null) {
                budget.release(blobs[i].length);
            }
        }
        blobs = new byte[16][];
        freeSlots = new int[16];
        freeCount = 0;
        next = 0;
    }

    @Override
    public long mark() {
        return 0;
    }

    @Override
    public void commit(long mark) {
    }

    /** Releases everything this store holds from the provider's budget. */
    void releaseAll() {
        reset(0, 0, 0);
    }
}
