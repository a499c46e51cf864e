package io.dialtone.store.file.internal;

import io.dialtone.store.tck.StreamStoreBasicsTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreBasicsTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileBasicsTest extends StreamStoreBasicsTck {
}
