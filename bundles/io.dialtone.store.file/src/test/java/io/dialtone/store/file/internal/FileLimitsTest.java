package io.dialtone.store.file.internal;

import io.dialtone.store.tck.StreamStoreLimitsTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's StreamStoreLimitsTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileLimitsTest extends StreamStoreLimitsTck {
}
