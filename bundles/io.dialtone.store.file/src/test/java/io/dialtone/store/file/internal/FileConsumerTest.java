package io.dialtone.store.file.internal;

import io.dialtone.store.tck.ConsumerStoreTck;
import io.dialtone.store.tck.TckFixture;

/** The TCK's ConsumerStoreTck against the file provider. */
@TckFixture.Use(FileFixture.class)
class FileConsumerTest extends ConsumerStoreTck {
}
