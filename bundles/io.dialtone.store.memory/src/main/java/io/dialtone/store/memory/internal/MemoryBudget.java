package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import java.util.concurrent.atomic.AtomicLong;

/** The bytes all memory stores of one provider may hold together: nats-server's {@code max_memory_store}. */
final class MemoryBudget {

    private final AtomicLong used = new AtomicLong();
    private final long limit;

    MemoryBudget(long limit) {
        this.limit = limit;
    }

    void reserve(long bytes) {
        long now = used.addAndGet(bytes);
        if (limit > 0 && now > limit) {
            used.addAndGet(-bytes);
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "max_memory_store of " + limit
                    + " bytes reached");
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
