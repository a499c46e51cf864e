package io.dialtone.api.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The messages of one stream (nats-server's {@code StreamStore}). Thread-safe. Sequences start at 1 and are never
 * reused. Subject filters may use {@code *} (one token) and {@code >} (the rest); {@code ""} and {@code ">"} match
 * everything.
 *
 * <p>Every mutating method is one deterministic operation: given the same calls in the same order, two stores end in
 * the same state (timestamps and the expiry clock come from the caller). {@link #lastApplied()} counts them. A
 * mutating method returns once the operation is stored as its provider defines it (the file provider: synced to
 * disk, unless configured lazy); it throws {@link StorageException} when refused, and then nothing changed.
 */
@ProviderType
public interface StreamStore extends AutoCloseable {

    /** Stores a message; returns its sequence ({@code last + 1}). {@code headers} may be null (none). */
    long store(String subject, byte[] headers, byte[] payload, long timestampNanos);

    /** Skips the next sequence (nats-server's {@code SkipMsg(0)}); returns it. */
    long skip();

    /**
     * Skips {@code count} sequences starting at {@code seq}, which must be {@code last + 1}.
     *
     * @throws StorageException {@link StorageException.Reason#SEQUENCE_MISMATCH} when it is not
     */
    void skip(long seq, long count);

    /** Fills {@code into} with message {@code seq}; false when the store holds no such message. */
    boolean load(long seq, StoredMessage into);

    /**
     * Fills {@code into} with the first message at or after {@code fromSeq} whose subject matches {@code filter};
     * returns its sequence, or 0 when there is none.
     */
    long loadNext(String filter, long fromSeq, StoredMessage into);

    /** Fills {@code into} with the last message whose subject matches {@code filter}; false when none does. */
    boolean loadLast(String filter, StoredMessage into);

    /** Removes message {@code seq}; false when the store holds no such message. */
    boolean remove(long seq);

    /** Removes message {@code seq} and overwrites its bytes wherever they are kept. */
    boolean erase(long seq);

    /** Removes all messages, keeping the last sequence; returns how many it removed. */
    long purge();

    /**
     * nats-server's {@code PurgeEx}: removes the oldest messages matching {@code filter} ({@code ""} or {@code ">"}:
     * all) with a sequence below {@code belowSeq} (0: any), leaving the newest {@code keep} matching messages (0:
     * none). With a match-all filter, {@code keep == 0} and {@code belowSeq > 0} it is {@link #compact(long)}.
     * Returns how many it removed.
     */
    long purge(String filter, long belowSeq, long keep);

    /** Removes every message below {@code seq}; when {@code seq > last + 1} the store is emptied at {@code seq}. */
    long compact(long seq);

    /** Removes every message above {@code seq}, which becomes the last sequence ({@code 0} resets the store). */
    void truncate(long seq);

    /** Expires messages older than the age limit as of {@code nowNanos}; returns how many. */
    long expire(long nowNanos);

    /** Changes the limits, enforcing them at once. */
    void updateConfig(StreamConfig config);

    /** The first sequence whose timestamp is at or after {@code timestampNanos}; {@code last + 1} past the end. */
    long sequenceAt(long timestampNanos);

    /** The state. */
    StreamState state();

    /** The interior deleted sequences, as ranges in order. */
    List<SeqRange> deletedRanges();

    /** Messages matching {@code filter} at or after {@code fromSeq}, with their first and last sequence. */
    SubjectState filtered(String filter, long fromSeq);

    /** Per subject matching {@code filter}: its messages and first and last sequence (nats-server's SubjectsState). */
    SortedMap<String, SubjectState> subjects(String filter);

    /** The listener told of removals by limits (null: none). */
    void listener(StoreListener listener);

    /** How many mutating operations this store has applied since it was created (restored by a snapshot). */
    long lastApplied();

    /** Writes the whole store (messages, deletes, counters) in the portable snapshot format. */
    void snapshot(OutputStream out) throws java.io.IOException;

    /** Replaces this store's contents with a snapshot's. */
    void restore(InputStream in) throws java.io.IOException;

    /** What opening this store recovered and lost. */
    RecoveryReport recovery();

    /** Opens (creating or recovering) the store of a consumer of this stream. */
    ConsumerStore consumer(String name);

    /** The names of this stream's consumers with a store, sorted. */
    List<String> consumers();

    /** Deletes a consumer's store; false when there was none. */
    boolean deleteConsumer(String name);

    /** Closes the store (nats-server's {@code Stop}); it keeps its data. Further calls throw. */
    @Override
    void close();
}
