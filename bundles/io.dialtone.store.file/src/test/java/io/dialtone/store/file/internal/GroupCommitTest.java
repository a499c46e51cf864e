package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Writers that arrive while a sync runs all go out with the next one. */
class GroupCommitTest {

    @Test
    void writersWaitingOnOneSyncShareTheNext() throws Exception {
        PowerLossIo io = new PowerLossIo();
        StreamStore s = new FileStorageProvider(Path.of("/gc"), "always", 1 << 20, io)
                .open("A", "S", StreamConfig.unlimited());
        FileStreamStore fs = (FileStreamStore) s;
        long syncsBefore = fs.syncs();
        io.forceGate = new CountDownLatch(1);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        Thread first = new Thread(() -> seqs.add(s.store("w", null, new byte[8], 1)));
        first.start();
        Await.until("the first writer's sync to start", () -> io.forcesWaiting.get() == 1);
        for (int i = 0; i < 7; i++) {
            Thread t = new Thread(() -> seqs.add(s.store("w", null, new byte[8], 1)));
            writers.add(t);
            t.start();
        }
        Await.until("seven more writes", () -> s.state().lastSeq() == 8);
        assertEquals(0, seqs.size(), "nobody is told stored before the sync");
        io.forceGate.countDown();
        first.join();
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), seqs);
        assertEquals(2, fs.syncs() - syncsBefore, "one sync for the first writer, one for the seven after it");
        s.close();
    }
}
