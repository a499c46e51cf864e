package io.dialtone.store.file.internal;

import io.dialtone.store.tck.StreamStoreRemovalTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreRemovalTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileRemovalTest extends StreamStoreRemovalTck {
}
