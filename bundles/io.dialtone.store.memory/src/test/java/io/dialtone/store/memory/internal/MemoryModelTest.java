package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreModelTck;

/** The TCK's StreamStoreModelTck against the memory provider. */
class MemoryModelTest extends StreamStoreModelTck {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    protected StorageProvider provider() {
        return provider;
    }
}
