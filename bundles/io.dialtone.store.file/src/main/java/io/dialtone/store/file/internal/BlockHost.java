package io.dialtone.store.file.internal;

/** What the file backend asks of its stream's index while reorganising blocks (called under the store's lock). */
interface BlockHost {

    /** The reference of held message {@code seq}, or -1. */
    long refOf(long seq);

    /** Held message {@code seq} now lives at {@code ref}. */
    void moved(long seq, long ref);

    /** The stream's first sequence, last sequence and applied count, for a new block's first record. */
    long[] checkpoint();
}
