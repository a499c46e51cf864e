package io.dialtone.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of each message a store removed by itself, enforcing a limit, so that consumers can be told. Called on the
 * thread of the operation that caused the removal, while the store is locked: do not call back into the store.
 */
@ConsumerType
@FunctionalInterface
public interface StoreListener {

    /** Why a message was removed. */
    enum Cause {
        /** max_msgs */
        MAX_MSGS,
        /** max_bytes */
        MAX_BYTES,
        /** max_age */
        MAX_AGE,
        /** max_msgs_per_subject */
        MAX_MSGS_PER_SUBJECT
    }

    /** The store removed message {@code seq} on {@code subject}, which counted {@code bytes}. */
    void removed(long seq, String subject, long bytes, Cause cause);
}
