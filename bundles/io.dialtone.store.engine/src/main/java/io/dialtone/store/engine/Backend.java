package io.dialtone.store.engine;

import io.dialtone.api.storage.StoredMessage;

/**
 * Where a {@link StreamEngine} keeps message bytes and, for a durable provider, the record of each operation's
 * effects. The engine calls every method but {@link #commit(long)} under its lock, in operation order; {@code op} is
 * the number of the operation the effect belongs to. Failures are thrown as
 * {@link io.dialtone.api.storage.StorageException}; {@link #append} must leave nothing behind when it throws.
 */
public interface Backend {

    /** Keeps a new message; returns the reference the engine hands back to {@link #read}. */
    long append(long op, long seq, String subject, byte[] headers, byte[] payload, long timestamp);

    /** Fills {@code into} with the message kept under {@code ref}. */
    void read(long ref, long seq, long timestamp, String subject, StoredMessage into);

    /** Message {@code seq} was removed on its own (remove, erase, a limit, a purge by subject). */
    void tombstone(long op, long seq, long ref, int size, boolean erase);

    /** The message under {@code ref} is gone as part of a floor, a truncate, a purge or a replay. */
    void discard(long ref, int size);

    /** Every message below {@code seq} was removed, and the last sequence is at least {@code seq - 1}. */
    void floor(long op, long seq);

    /** Every message above {@code seq} was removed; {@code seq} is the last sequence. */
    void truncate(long op, long seq);

    /** {@code count} sequences from {@code seq} were skipped. */
    void skip(long op, long seq, long count);

    /** Everything is replaced (a snapshot restore): start empty at {@code first}, {@code last}, {@code op}. */
    void reset(long first, long last, long op);

    /** The operation's effects are all recorded: a chance to reorganise (called under the lock). */
    default void maintain() {
    }

    /** A position covering everything written so far, for {@link #commit(long)}. */
    long mark();

    /** Returns once everything up to {@code mark} is stored as the provider promises. Called without the lock. */
    void commit(long mark);
}
