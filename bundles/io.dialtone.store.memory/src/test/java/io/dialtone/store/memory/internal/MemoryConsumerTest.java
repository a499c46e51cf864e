package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.ConsumerStoreTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's ConsumerStoreTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryConsumerTest extends ConsumerStoreTck {
}
