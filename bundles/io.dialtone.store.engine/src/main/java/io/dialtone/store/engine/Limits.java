package io.dialtone.store.engine;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StoreListener.Cause;
import io.dialtone.api.storage.StreamConfig;

/**
 * The limits a stream store enforces itself: which new messages it refuses, and which held ones must go (the oldest
 * of a subject, then the oldest of the stream, then the expired), in nats-server's order.
 */
final class Limits {

    /** Removes one message for a limit. */
    @FunctionalInterface
    interface Remover {
        void remove(long seq, Cause cause);
    }

    private final StreamIndex index;
    private final Remover remover;

    Limits(StreamIndex index, Remover remover) {
        this.index = index;
        this.remover = remover;
    }

    /** Refuses a new message the limits do not admit. */
    void admit(StreamConfig c, String subject, int headerLength, int payloadLength, long size) {
        if (c.maxMsgSize() > 0 && (long) subject.length() + headerLength + payloadLength > c.maxMsgSize()) {
            throw new StorageException(Reason.MESSAGE_TOO_LARGE, size + " bytes");
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new StorageException(Reason.MESSAGE_TOO_LARGE, size + " bytes");
        }
        if (c.maxBytes() > 0 && size > c.maxBytes()) {
            throw new StorageException(Reason.MAX_BYTES, "message of " + size + " bytes, limit " + c.maxBytes());
        }
        if (c.discard() == StreamConfig.Discard.NEW) {
            if (c.maxMsgs() > 0 && index.msgs >= c.maxMsgs()) {
                throw new StorageException(Reason.MAX_MSGS, "limit " + c.maxMsgs());
            }
            if (c.maxBytes() > 0 && index.bytes + size > c.maxBytes()) {
                throw new StorageException(Reason.MAX_BYTES, "limit " + c.maxBytes());
            }
        }
    }

    /** Removes the oldest messages of a subject beyond max_msgs_per_subject; returns how many. */
    long perSubject(StreamConfig c, SubjectTable.Entry e) {
        long removed = 0;
        long max = c.maxMsgsPerSubject();
        while (max > 0 && e != null && e.msgs > max) {
            remover.remove(index.firstOf(e), Cause.MAX_MSGS_PER_SUBJECT);
            removed++;
        }
        return removed;
    }

    /** Removes the oldest messages beyond max_msgs, then beyond max_bytes; returns how many. */
    long msgsAndBytes(StreamConfig c) {
        long removed = 0;
        while (c.maxMsgs() > 0 && index.msgs > c.maxMsgs()) {
            remover.remove(index.first, Cause.MAX_MSGS);
            removed++;
        }
        while (c.maxBytes() > 0 && index.bytes > c.maxBytes()) {
            remover.remove(index.first, Cause.MAX_BYTES);
            removed++;
        }
        return removed;
    }

    /** Removes the messages older than max_age as of {@code now}; returns how many. */
    long expire(StreamConfig c, long now) {
        long maxAge = c.maxAgeNanos();
        long removed = 0;
        while (maxAge > 0 && index.msgs > 0 && index.timestampOf(index.first) <= now - maxAge) {
            remover.remove(index.first, Cause.MAX_AGE);
            removed++;
        }
        return removed;
    }
}
