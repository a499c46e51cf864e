package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.StreamStoreBasicsTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreBasicsTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryBasicsTest extends StreamStoreBasicsTck {
}
