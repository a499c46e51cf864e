package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.ConsumerStoreTck;

/** The TCK's ConsumerStoreTck against the memory provider. */
class MemoryConsumerTest extends ConsumerStoreTck {

    private final StorageProvider provider = new MemoryStorageProvider(0);

    @Override
    protected StorageProvider provider() {
        return provider;
    }
}
