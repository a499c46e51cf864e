package io.dialtone.store.file.internal;

import io.dialtone.store.tck.StreamStoreLifecycleTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreLifecycleTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileLifecycleTest extends StreamStoreLifecycleTck {
}
