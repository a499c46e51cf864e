package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreBasicsTck;

/** The TCK's StreamStoreBasicsTck against the memory provider. */
class MemoryBasicsTest extends StreamStoreBasicsTck {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    protected StorageProvider provider() {
        return provider;
    }
}
