package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreLimitsTck;

/** The TCK's StreamStoreLimitsTck against the memory provider. */
class MemoryLimitsTest extends StreamStoreLimitsTck {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    protected StorageProvider provider() {
        return provider;
    }
}
