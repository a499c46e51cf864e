package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newer format, an unreadable file, a full disk, a read-only directory: a clear error, nothing stored lost. */
class BadDayTest {

    private static final Path ROOT = Path.of("/bad-day");

    @TempDir
    Path dir;

    private static StreamStore open(FileIo io, Path root) {
        return new FileStorageProvider(root, "always", 4096, io).open("A", "S", StreamConfig.unlimited());
    }

    private static void assertAllHeld(StreamStore s, long last) {
        assertEquals(last, s.state().lastSeq());
        for (long seq = 1; seq <= last; seq++) {
            Payloads.assertHeld(s, seq);
        }
    }

    @Test
    void aDirectoryWrittenByANewerFormatIsRefused() throws IOException {
        StreamStore s = open(new RealFileIo(), dir);
        Payloads.fill(s, 5);
        s.close();
        Path meta = dir.resolve("A/streams/S/meta.inf");
        Files.writeString(meta, "format=2\n");
        StorageException e = assertThrows(StorageException.class, () -> open(new RealFileIo(), dir));
        assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
        assertEquals("format=2\n", Files.readString(meta), "left as it was");
    }

    @Test
    void anUnreadableBlockFailsTheOpenAndLosesNothing() {
        PowerLossIo io = new PowerLossIo();
        Payloads.fill(open(io, ROOT), 200);
        io.unreadable = p -> p.getFileName().toString().equals("2.blk");
        StorageException e = assertThrows(StorageException.class, () -> open(io, ROOT));
        assertEquals(Reason.INSUFFICIENT_RESOURCES, e.reason());
        io.unreadable = p -> false;
        assertAllHeld(open(io, ROOT), 200);
    }

    @Test
    void aFullDiskRefusesTheWriteAndKeepsEverythingStored() {
        PowerLossIo io = new PowerLossIo();
        StreamStore s = open(io, ROOT);
        Payloads.fill(s, 50);
        io.capacity = 0;
        StorageException e = assertThrows(StorageException.class, () -> Payloads.fill(s, 51));
        assertEquals(Reason.INSUFFICIENT_RESOURCES, e.reason());
        assertEquals("insufficient resources", e.reason().text());
        assertAllHeld(s, 50);
        io.capacity = Long.MAX_VALUE;
        assertEquals(51, Payloads.fill(s, 51), "the store takes writes again once there is room");
        s.close();
        assertAllHeld(open(io, ROOT), 51);
    }

    @Test
    void aReadOnlyDirectoryFailsTheOpenAndLosesNothing() {
        PowerLossIo io = new PowerLossIo();
        Payloads.fill(open(io, ROOT), 30);
        io.readOnly = true;
        assertEquals(Reason.INSUFFICIENT_RESOURCES,
                assertThrows(StorageException.class, () -> open(io, ROOT)).reason());
        StorageException fresh = assertThrows(StorageException.class,
                () -> new FileStorageProvider(ROOT, "always", 4096, io).open("A", "NEW", StreamConfig.unlimited()));
        assertEquals(Reason.INSUFFICIENT_RESOURCES, fresh.reason());
        io.readOnly = false;
        assertAllHeld(open(io, ROOT), 30);
    }

    @Test
    void aFailedSyncFailsTheStoreUntilReopened() {
        PowerLossIo io = new PowerLossIo();
        StreamStore s = open(io, ROOT);
        Payloads.fill(s, 10);
        io.failForces = true;
        assertThrows(StorageException.class, () -> Payloads.fill(s, 11));
        io.failForces = false;
        assertThrows(StorageException.class, () -> Payloads.fill(s, 12), "a store whose sync failed stays failed");
        s.close();
        StreamStore again = open(io, ROOT);
        for (long seq = 1; seq <= 10; seq++) {
            Payloads.assertHeld(again, seq);
        }
        assertEquals(again.state().lastSeq() + 1, Payloads.fill(again, again.state().lastSeq() + 1));
    }
}
