package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.RecoveryReport;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Power loss through the I/O seam: only synced bytes survive (and, torn, part of what came after). */
class PowerLossTest {

    private static final Path ROOT = Path.of("/power-loss");

    private static StreamStore open(PowerLossIo io, String syncInterval) {
        return new FileStorageProvider(ROOT, syncInterval, 4096, io).open("A", "S", StreamConfig.unlimited());
    }

    @Test
    void syncModeLosesNothingAcknowledged() throws Exception {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            try {
                powerLossRound(rnd);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", round " + round + ": " + e.getMessage(), e);
            }
        }
    }

    private void powerLossRound(Random rnd) throws InterruptedException {
        PowerLossIo io = new PowerLossIo();
        StreamStore s = open(io, "always");
        Map<Long, byte[]> acked = new ConcurrentHashMap<>();
        Set<Long> removed = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int writer = t;
            threads.add(new Thread(() -> writeUntilPowerLoss(s, acked, writer)));
        }
        threads.add(new Thread(() -> removeUntilPowerLoss(s, acked, removed)));
        threads.forEach(Thread::start);
        int target = 20 + rnd.nextInt(300);
        Await.until(target + " acknowledged writes", () -> acked.size() >= target);
        io.powerLoss(rnd, true);
        for (Thread t : threads) {
            t.join();
        }
        io.reboot();
        StreamStore again = open(io, "always");
        StoredMessage m = new StoredMessage();
        for (Map.Entry<Long, byte[]> e : acked.entrySet()) {
            if (removed.contains(e.getKey())) {
                assertFalse(again.load(e.getKey(), m), "acknowledged removal of " + e.getKey() + " undone");
            } else {
                assertTrue(again.load(e.getKey(), m), "acknowledged message " + e.getKey() + " lost");
                assertEquals(new String(e.getValue()), new String(m.payload()), "payload of " + e.getKey());
            }
        }
        long next = again.store("after", null, Payloads.of(1), 2);
        assertTrue(next > again.state().firstSeq() - 1);
        again.close();
    }

    private static void writeUntilPowerLoss(StreamStore s, Map<Long, byte[]> acked, int writer) {
        try {
            for (long i = 0;; i++) {
                byte[] payload = ("w" + writer + "-" + i).getBytes();
                long seq = s.store("w." + writer, null, payload, i);
                acked.put(seq, payload);
            }
        } catch (StorageException e) {
            // the power went
        }
    }

    private static void removeUntilPowerLoss(StreamStore s, Map<Long, byte[]> acked, Set<Long> removed) {
        Random rnd = new Random();
        try {
            while (true) {
                long last = s.state().lastSeq();
                long seq = 1 + (last > 0 ? rnd.nextLong(last) : 0);
                if (rnd.nextInt(4) == 0 && acked.containsKey(seq) && s.remove(seq)) {
                    removed.add(seq);
                }
                Thread.yield();
            }
        } catch (StorageException e) {
            // the power went
        }
    }

    @Test
    void lazyModeLosesAtMostWhatCameAfterTheLastSync() {
        Random rnd = new Random();
        for (int round = 0; round < 20; round++) {
            PowerLossIo io = new PowerLossIo();
            StreamStore s = open(io, "always");
            Payloads.fill(s, 100);
            ((FileStreamStore) s).syncNow();
            Payloads.fill(s, 150);
            io.powerLoss(rnd, true);
            io.reboot();
            StreamStore again = open(io, "1h");
            long last = again.state().lastSeq();
            assertTrue(last >= 100 && last <= 150, "recovered up to " + last);
            for (long seq = 1; seq <= last; seq++) {
                Payloads.assertHeld(again, seq);
            }
            RecoveryReport report = again.recovery();
            if (report.tornTailBytes() > 0) {
                assertEquals(last + 1, report.lost().get(0).first(), "the loss is reported from " + (last + 1));
            }
            assertEquals(last + 1, Payloads.fill(again, last + 1));
            again.close();
        }
    }

    @Test
    void lazyModeSyncsOnItsInterval() {
        PowerLossIo io = new PowerLossIo();
        StreamStore s = open(io, "5ms");
        Payloads.fill(s, 10);
        long before = ((FileStreamStore) s).syncs();
        Await.until("a timed sync", () -> ((FileStreamStore) s).syncs() > before);
        io.powerLoss(new Random(), false);
        io.reboot();
        assertEquals(10, open(io, "5ms").state().lastSeq(), "synced by the timer, nothing lost");
    }
}
