package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.StreamStoreRemovalTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreRemovalTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryRemovalTest extends StreamStoreRemovalTck {
}
