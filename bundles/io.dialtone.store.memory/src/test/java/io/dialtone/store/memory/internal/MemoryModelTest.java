package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.StreamStoreModelTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreModelTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryModelTest extends StreamStoreModelTck {
}
