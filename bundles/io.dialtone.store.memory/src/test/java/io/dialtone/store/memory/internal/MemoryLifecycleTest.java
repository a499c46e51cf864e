package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreLifecycleTck;

/** The TCK's StreamStoreLifecycleTck against the memory provider. */
class MemoryLifecycleTest extends StreamStoreLifecycleTck {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    protected StorageProvider provider() {
        return provider;
    }
}
