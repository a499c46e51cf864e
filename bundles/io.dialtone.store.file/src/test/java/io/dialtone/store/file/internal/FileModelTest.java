package io.dialtone.store.file.internal;

import io.dialtone.store.tck.StreamStoreModelTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreModelTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileModelTest extends StreamStoreModelTck {
}
