package io.dialtone.store.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import org.junit.jupiter.api.Test;

/** max_memory_store bounds all the provider's streams together; what is removed gives its room back. */
class MemoryBudgetTest {

    @Test
    void streamsShareTheLimitAndGetRoomBack() {
        MemoryStorageProvider provider = new MemoryStorageProvider(1000);
        StreamStore a = provider.open("A", "one", StreamConfig.unlimited());
        StreamStore b = provider.open("A", "two", StreamConfig.unlimited());
        for (int i = 0; i < 6; i++) {
            a.store("x", null, new byte[100], i);
        }
        for (int i = 0; i < 4; i++) {
            b.store("y", null, new byte[100], i);
        }
        assertEquals(1000, provider.used());
        StorageException e = assertThrows(StorageException.class, () -> b.store("y", null, new byte[1], 9));
        assertEquals(StorageException.Reason.INSUFFICIENT_RESOURCES, e.reason());
        assertEquals(4, b.state().lastSeq(), "a refused message takes no sequence");
        a.remove(1);
        b.store("y", null, new byte[100], 9);
        a.purge();
        assertEquals(500, provider.used());
        provider.delete("A", "two");
        assertEquals(0, provider.used());
    }
}
