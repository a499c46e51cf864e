package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.TckFixture;

/** A memory provider without a memory limit; it outlives a "restart" (its streams live as long as it does). */
public final class MemoryFixture implements TckFixture {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    public StorageProvider provider() {
        return provider;
    }
}
