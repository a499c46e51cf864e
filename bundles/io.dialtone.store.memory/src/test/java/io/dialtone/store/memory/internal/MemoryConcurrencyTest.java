package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.StreamStoreConcurrencyTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreConcurrencyTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryConcurrencyTest extends StreamStoreConcurrencyTck {
}
