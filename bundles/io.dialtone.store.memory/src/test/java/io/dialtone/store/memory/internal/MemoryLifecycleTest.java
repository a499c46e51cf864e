package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.StreamStoreLifecycleTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreLifecycleTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryLifecycleTest extends StreamStoreLifecycleTck {
}
