package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreRemovalTck;

/** The TCK's StreamStoreRemovalTck against the memory provider. */
class MemoryRemovalTest extends StreamStoreRemovalTck {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    protected StorageProvider provider() {
        return provider;
    }
}
