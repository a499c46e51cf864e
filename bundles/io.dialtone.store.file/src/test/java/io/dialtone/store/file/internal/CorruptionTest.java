package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.RecoveryReport;
import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flipped bits and truncations in block files: recovery keeps what checks out, reports the rest, serves no garbage. */
class CorruptionTest {

    @TempDir
    Path dir;

    private FileStorageProvider provider() {
        return new FileStorageProvider(dir, "always", 4096, new RealFileIo());
    }

    private StreamStore open(FileStorageProvider p) {
        return p.open("A", "S", StreamConfig.unlimited());
    }

    private void write(long n) {
        FileStorageProvider p = provider();
        Payloads.fill(open(p), n);
        p.close();
    }

    @Test
    void aFlippedBitQuarantinesTheBlockAndLosesOnlyThatRecord() throws IOException {
        write(300);
        Path block = OnDisk.blocks(dir).get(2);
        OnDisk.Rec victim = OnDisk.messages(block).get(5);
        OnDisk.flipBit(block, victim.pos() + victim.length() - 10, 3);
        byte[] damaged = Files.readAllBytes(block);

        FileStorageProvider p = provider();
        StreamStore s = open(p);
        RecoveryReport report = s.recovery();
        assertEquals(List.of(new SeqRange(victim.seq(), victim.seq())), report.lost());
        assertEquals(1, report.quarantined().size());
        assertArrayEquals(damaged, Files.readAllBytes(Path.of(report.quarantined().get(0))),
                "the damaged block is set aside as it was");
        assertEquals(0, report.tornTailBytes());
        for (long seq = 1; seq <= 300; seq++) {
            if (seq != victim.seq()) {
                Payloads.assertHeld(s, seq);
            }
        }
        assertFalse(s.load(victim.seq(), new StoredMessage()));
        assertEquals(299, s.state().msgs());
        assertEquals(301, s.store("after", null, Payloads.of(301), 301));
        p.close();

        FileStorageProvider again = provider();
        StreamStore s2 = open(again);
        assertTrue(s2.recovery().clean(), "the rebuilt block checks out: " + s2.recovery());
        assertEquals(300, s2.state().msgs());
        again.close();
    }

    @Test
    void aTruncatedBlockLosesItsTailOnly() throws IOException {
        write(300);
        Path block = OnDisk.blocks(dir).get(3);
        List<OnDisk.Rec> msgs = OnDisk.messages(block);
        OnDisk.Rec cut = msgs.get(msgs.size() / 2);
        long lastInBlock = msgs.get(msgs.size() - 1).seq();
        OnDisk.truncate(block, cut.pos() + 7);

        FileStorageProvider p = provider();
        StreamStore s = open(p);
        RecoveryReport report = s.recovery();
        assertEquals(List.of(new SeqRange(cut.seq(), lastInBlock)), report.lost());
        assertEquals(1, report.quarantined().size());
        for (long seq = 1; seq <= 300; seq++) {
            if (seq < cut.seq() || seq > lastInBlock) {
                Payloads.assertHeld(s, seq);
            } else {
                assertFalse(s.load(seq, new StoredMessage()));
            }
        }
        p.close();
    }

    @Test
    void aSealedBlockCutBetweenRecordsIsDetectedByItsMissingEndRecord() throws IOException {
        write(300);
        Path block = OnDisk.blocks(dir).get(2);
        List<OnDisk.Rec> msgs = OnDisk.messages(block);
        OnDisk.Rec cut = msgs.get(msgs.size() / 2);
        OnDisk.truncate(block, cut.pos());

        FileStorageProvider p = provider();
        StreamStore s = open(p);
        assertEquals(List.of(new SeqRange(cut.seq(), msgs.get(msgs.size() - 1).seq())), s.recovery().lost());
        Payloads.assertHeld(s, msgs.get(msgs.size() - 1).seq() + 1);
        p.close();
    }

    @Test
    void aTornTailOfTheLastBlockIsCut() throws IOException {
        write(100);
        List<Path> blocks = OnDisk.blocks(dir);
        Path last = blocks.get(blocks.size() - 1);
        byte[] data = Files.readAllBytes(last);
        OnDisk.Rec rec = OnDisk.messages(last).get(0);
        byte[] torn = new byte[data.length + 20];
        System.arraycopy(data, 0, torn, 0, data.length);
        System.arraycopy(data, rec.pos(), torn, data.length, 20);
        Files.write(last, torn);

        FileStorageProvider p = provider();
        StreamStore s = open(p);
        RecoveryReport report = s.recovery();
        assertEquals(20, report.tornTailBytes());
        assertEquals(List.of(), report.quarantined());
        assertEquals(List.of(new SeqRange(101, Long.MAX_VALUE)), report.lost());
        for (long seq = 1; seq <= 100; seq++) {
            Payloads.assertHeld(s, seq);
        }
        assertEquals(101, s.store("after", null, Payloads.of(101), 101));
        p.close();
        assertEquals(data.length + Record.OVERHEAD + "after".length() + Payloads.of(101).length,
                Files.size(last), "the torn bytes were cut before the new record");
    }

    @Test
    void aRecordDamagedWhileOpenIsNotServed() throws IOException {
        FileStorageProvider p = provider();
        StreamStore s = open(p);
        Payloads.fill(s, 50);
        Path block = OnDisk.blocks(dir).get(0);
        OnDisk.Rec victim = OnDisk.messages(block).get(3);
        OnDisk.flipBit(block, victim.pos() + victim.length() - 6, 0);
        StorageException e = assertThrows(StorageException.class, () -> s.load(victim.seq(), new StoredMessage()));
        assertEquals(StorageException.Reason.CORRUPT, e.reason());
        Payloads.assertHeld(s, victim.seq() + 1);
        p.close();
    }

    /**
     * Cutting the last block exactly between two records leaves nothing to detect: it looks like writes that never
     * happened (as after a power loss in lazy mode). The first sequence such a cut removes, or MAX_VALUE.
     */
    private static long cleanCutFrom(Path lastBlock, long at) throws IOException {
        long first = Long.MAX_VALUE;
        boolean boundary = false;
        for (OnDisk.Rec r : OnDisk.records(lastBlock)) {
            boundary |= r.pos() == at;
            if (r.pos() >= at && r.type() == Record.MSG) {
                first = Math.min(first, r.seq());
            }
        }
        return boundary ? first : Long.MAX_VALUE;
    }

    @Test
    void randomDamageNeverCrashesRecoveryNorServesAnythingWrong() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int round = 0; round < 15; round++) {
            Path roundDir = Files.createDirectory(dir.resolve("r" + round));
            FileStorageProvider p = new FileStorageProvider(roundDir, "always", 4096, new RealFileIo());
            StreamStore s = open(p);
            Payloads.fill(s, 150 + rnd.nextInt(150));
            java.util.Set<Long> removed = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) {
                long seq = 1 + rnd.nextInt(150);
                if (s.remove(seq)) {
                    removed.add(seq);
                }
            }
            long last = s.state().lastSeq();
            p.close();
            List<Path> blocks = OnDisk.blocks(roundDir);
            long undetectable = Long.MAX_VALUE;
            for (int d = 1 + rnd.nextInt(3); d > 0; d--) {
                Path b = blocks.get(rnd.nextInt(blocks.size()));
                long size = Files.size(b);
                if (size == 0) {
                    continue;
                }
                if (rnd.nextBoolean()) {
                    OnDisk.flipBit(b, rnd.nextLong(size), rnd.nextInt(8));
                } else {
                    long at = rnd.nextLong(size);
                    if (b.equals(blocks.get(blocks.size() - 1))) {
                        undetectable = Math.min(undetectable, cleanCutFrom(b, at));
                    }
                    OnDisk.truncate(b, at);
                }
            }
            FileStorageProvider again = new FileStorageProvider(roundDir, "always", 4096, new RealFileIo());
            StreamStore s2 = open(again);
            StoredMessage m = new StoredMessage();
            for (long seq = 1; seq <= last; seq++) {
                String where = "seed " + seed + " round " + round + " seq " + seq;
                if (s2.load(seq, m)) {
                    assertArrayEquals(Payloads.of(seq), m.payload(), where);
                } else if (!removed.contains(seq) && seq < undetectable) {
                    long missing = seq;
                    assertTrue(s2.recovery().lost().stream().anyMatch(r -> r.first() <= missing && missing <= r.last()),
                            where + ": missing but not reported lost: " + s2.recovery());
                }
            }
            Payloads.fill(s2, s2.state().lastSeq() + 1);
            again.close();
        }
    }
}
