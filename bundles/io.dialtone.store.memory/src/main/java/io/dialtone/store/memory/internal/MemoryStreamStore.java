package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.ConsumerStore;
import io.dialtone.api.storage.RecoveryReport;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.store.engine.ConsumerEngine;
import io.dialtone.store.engine.EngineConsumerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream kept in memory. Closing keeps the messages for as long as the provider lives (it hands this same store
 * out again on the next open); deleting the stream drops them.
 */
final class MemoryStreamStore extends io.dialtone.store.engine.StreamEngine {

    private final MemoryBackend memory;
    private final Map<String, ConsumerEngine> consumers = new TreeMap<>();

    MemoryStreamStore(MemoryBackend memory, StreamConfig config) {
        super(memory, config);
        this.memory = memory;
    }

    /** Opens this store again after a close, with the limits given. */
    void reopen(StreamConfig config) {
        reopened();
        updateConfig(config);
    }

    @Override
    public synchronized ConsumerStore consumer(String name) {
        ConsumerEngine engine = consumers.computeIfAbsent(name, n -> new ConsumerEngine());
        return new EngineConsumerStore(engine, new EngineConsumerStore.Keeper() {
            @Override
            public void changed(byte[] encoded) {
            }

            @Override
            public void closed() {
            }

            @Override
            public void deleted() {
                deleteConsumer(name);
            }
        });
    }

    @Override
    public synchronized List<String> consumers() {
        return new ArrayList<>(consumers.keySet());
    }

    @Override
    public synchronized boolean deleteConsumer(String name) {
        return consumers.remove(name) != null;
    }

    @Override
    public RecoveryReport recovery() {
        return RecoveryReport.CLEAN;
    }

    @Override
    public void close() {
        markClosed();
    }

    /** Drops everything (the stream was deleted). */
    void drop() {
        markClosed();
        memory.releaseAll();
    }
}
