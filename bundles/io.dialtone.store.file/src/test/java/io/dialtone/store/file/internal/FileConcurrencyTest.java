package io.dialtone.store.file.internal;

import io.dialtone.store.tck.StreamStoreConcurrencyTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreConcurrencyTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileConcurrencyTest extends StreamStoreConcurrencyTck {
}
