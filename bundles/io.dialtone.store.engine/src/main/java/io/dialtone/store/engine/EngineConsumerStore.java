package io.dialtone.store.engine;

import io.dialtone.api.storage.ConsumerState;
import io.dialtone.api.storage.ConsumerStore;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;

/**
 * A {@link ConsumerStore} over a {@link ConsumerEngine}; a provider says how a changed state is kept. Locks the engine,
 * so that several handles on one consumer's engine are safe.
 */
public final class EngineConsumerStore implements ConsumerStore {

    /** How a provider keeps a consumer's state. */
    public interface Keeper {
        /** The state changed; keep {@code encoded} before returning. */
        void changed(byte[] encoded);

        /** The store was closed. */
        void closed();

        /** The store was deleted: forget its state. */
        void deleted();
    }

    private final ConsumerEngine engine;
    private final Keeper keeper;
    private volatile boolean closed;

    public EngineConsumerStore(ConsumerEngine engine, Keeper keeper) {
        this.engine = engine;
        this.keeper = keeper;
    }

    @Override
    public void updateDelivered(long dseq, long sseq, long deliveries, long timestampNanos) {
        synchronized (engine) {
            checkOpen();
            if (engine.delivered(dseq, sseq, deliveries, timestampNanos)) {
                keeper.changed(engine.encode());
            }
        }
    }

    @Override
    public void updateAcks(long dseq, long sseq) {
        synchronized (engine) {
            checkOpen();
            if (engine.acked(dseq, sseq)) {
                keeper.changed(engine.encode());
            }
        }
    }

    @Override
    public ConsumerState state() {
        synchronized (engine) {
            checkOpen();
            return engine.state();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(Reason.CLOSED, "consumer store is closed");
        }
    }

    @Override
    public void close() {
        synchronized (engine) {
            if (!closed) {
                closed = true;
                keeper.closed();
            }
        }
    }

    @Override
    public void delete() {
        synchronized (engine) {
            closed = true;
            keeper.deleted();
        }
    }
}
