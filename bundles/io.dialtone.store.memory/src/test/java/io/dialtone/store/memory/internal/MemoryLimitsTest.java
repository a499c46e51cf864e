package io.dialtone.store.memory.internal;

import io.dialtone.store.tck.StreamStoreLimitsTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreLimitsTck against the memory provider. */
@TckFixture.Use(MemoryFixture.class)
class MemoryLimitsTest extends StreamStoreLimitsTck {
}
