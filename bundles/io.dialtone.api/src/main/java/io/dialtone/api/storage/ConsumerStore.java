package io.dialtone.api.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The delivery and acknowledgement state of one consumer (nats-server's {@code ConsumerStore}), explicit acks.
 * Thread-safe; each update is a deterministic operation, stored (synced, for the file provider) when it returns.
 */
@ProviderType
public interface ConsumerStore extends AutoCloseable {

    /**
     * Records a delivery: consumer sequence {@code dseq} carried stream message {@code sseq}, delivered for the
     * {@code deliveries}-th time at {@code timestampNanos}.
     */
    void updateDelivered(long dseq, long sseq, long deliveries, long timestampNanos);

    /** Records the acknowledgement of the delivery {@code dseq} of stream message {@code sseq}. */
    void updateAcks(long dseq, long sseq);

    /** The state. */
    ConsumerState state();

    /** Closes the store, keeping its state (nats-server's {@code Stop}). */
    @Override
    void close();

    /** Closes the store and deletes its state. */
    void delete();
}
