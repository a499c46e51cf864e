package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead blocks are removed, mostly-dead ones rewritten, erased bytes overwritten on disk. */
class BlockMaintenanceTest {

    @TempDir
    Path dir;

    private FileStorageProvider provider() {
        return new FileStorageProvider(dir, "always", 4096, new RealFileIo());
    }

    @Test
    void fullyRemovedLeadingBlocksAreDeleted() throws IOException {
        FileStorageProvider p = provider();
        StreamStore s = p.open("A", "S", StreamConfig.unlimited().withMaxMsgs(20));
        Payloads.fill(s, 1000);
        assertTrue(OnDisk.blocks(dir).size() <= 4, "blocks left: " + OnDisk.blocks(dir));
        var state = s.state();
        p.close();
        FileStorageProvider again = provider();
        StreamStore s2 = again.open("A", "S", StreamConfig.unlimited().withMaxMsgs(20));
        assertEquals(state, s2.state());
        for (long seq = 981; seq <= 1000; seq++) {
            Payloads.assertHeld(s2, seq);
        }
        again.close();
    }

    @Test
    void mostlyRemovedBlocksAreRewrittenSmaller() throws IOException {
        FileStorageProvider p = provider();
        StreamStore s = p.open("A", "S", StreamConfig.unlimited());
        Payloads.fill(s, 400);
        long before = OnDisk.blocks(dir).stream().mapToLong(f -> f.toFile().length()).sum();
        for (long seq = 1; seq <= 400; seq++) {
            if (seq % 10 != 0) {
                s.remove(seq);
            }
        }
        var blocks = OnDisk.blocks(dir);
        long after = blocks.stream().mapToLong(f -> f.toFile().length()).sum();
        assertTrue(after < before, before + " bytes before, " + after + " after (360 tombstones added)");
        for (Path b : blocks.subList(0, blocks.size() - 1)) {
            long dead = OnDisk.messages(b).stream().filter(r -> r.seq() % 10 != 0).mapToLong(OnDisk.Rec::length).sum();
            assertTrue(dead <= Files.size(b) / 2, b + ": " + dead + " bytes of removed messages");
        }
        var state = s.state();
        p.close();
        FileStorageProvider again = provider();
        StreamStore s2 = again.open("A", "S", StreamConfig.unlimited());
        assertEquals(state, s2.state());
        for (long seq = 10; seq <= 400; seq += 10) {
            Payloads.assertHeld(s2, seq);
        }
        assertTrue(s2.recovery().clean());
        again.close();
    }

    @Test
    void eraseOverwritesTheBytesOnDisk() throws IOException {
        FileStorageProvider p = provider();
        StreamStore s = p.open("A", "S", StreamConfig.unlimited());
        s.store("a", null, "keep-me".getBytes(StandardCharsets.UTF_8), 1);
        long secret = s.store("a", null, "SECRET-PAYLOAD".getBytes(StandardCharsets.UTF_8), 2);
        s.store("a", null, "keep-me-too".getBytes(StandardCharsets.UTF_8), 3);
        s.erase(secret);
        for (Path b : OnDisk.blocks(dir)) {
            assertFalse(new String(Files.readAllBytes(b), StandardCharsets.ISO_8859_1).contains("SECRET-PAYLOAD"));
        }
        p.close();
        FileStorageProvider again = provider();
        StreamStore s2 = again.open("A", "S", StreamConfig.unlimited());
        assertEquals(2, s2.state().msgs());
        assertTrue(s2.recovery().clean(), "an erased record is not damage: " + s2.recovery());
        again.close();
    }
}
