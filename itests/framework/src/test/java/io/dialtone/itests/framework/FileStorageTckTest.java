package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreRemovalTck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Part of the storage TCK against the file provider as the service registry hands it out (its store_dir from the
 * dialtone.store.dir framework property: target/store).
 */
@ExtendWith(ServiceExtension.class)
class FileStorageTckTest extends StreamStoreRemovalTck {

    @InjectService(filter = "(" + StorageProvider.PROPERTY + "=file)")
    StorageProvider file;

    @Override
    protected StorageProvider provider() {
        return file;
    }

    @Test
    void registeredUnderItsName() {
        assertEquals("file", file.name());
    }
}
