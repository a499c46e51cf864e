package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.store.tck.StreamStoreBasicsTck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/** Part of the storage TCK against the memory provider as the service registry hands it out. */
@ExtendWith(ServiceExtension.class)
class MemoryStorageTckTest extends StreamStoreBasicsTck {

    @InjectService(filter = "(" + StorageProvider.PROPERTY + "=memory)")
    StorageProvider memory;

    @Override
    protected StorageProvider provider() {
        return memory;
    }

    @Test
    void registeredUnderItsName() {
        assertEquals("memory", memory.name());
    }
}
