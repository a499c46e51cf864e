package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.StreamStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reopening, listing, deleting, closing, snapshots and the applied-operation count. */
public abstract class StreamStoreLifecycleTck extends TckBase {

    @Test
    void reopenKeepsEverything() {
        StreamStore s = newStream();
        String name = lastName();
        fill(s, "a", 10);
        s.remove(3);
        s.skip();
        s.purge("a", 5, 0);
        s.store("b", bytes("H"), bytes("bee"), 99);
        StreamState before = s.state();
        long applied = s.lastApplied();
        var ranges = s.deletedRanges();
        StreamStore again = restart(s, name, StreamConfig.unlimited());
        assertEquals(before, again.state());
        assertEquals(applied, again.lastApplied());
        assertEquals(ranges, again.deletedRanges());
        assertMessage(again, 12, "b", bytes("bee"));
        assertEquals(13, again.store("c", null, bytes("c"), 100));
        again.close();
    }

    @Test
    void reopenAfterPurgeAndCompactKeepsSequences() {
        StreamStore s = newStream();
        String name = lastName();
        fill(s, "a", 5);
        s.purge();
        s.compact(9);
        StreamStore again = restart(s, name, StreamConfig.unlimited());
        assertEquals(new StreamState(0, 0, 9, 0, 8, 0, 0, 0), again.state());
        assertEquals(9, again.store("a", null, bytes("x"), 1));
        again.close();
    }

    @Test
    void listAndDeleteStreams() {
        StreamStore s = newStream();
        String name = lastName();
        fill(s, "a", 2);
        assertTrue(live().streams(ACCOUNT).contains(name));
        assertFalse(live().streams("OTHER-ACCOUNT").contains(name));
        s.close();
        assertTrue(live().delete(ACCOUNT, name));
        assertFalse(live().streams(ACCOUNT).contains(name));
        assertFalse(live().delete(ACCOUNT, name));
        StreamStore fresh = live().open(ACCOUNT, name, StreamConfig.unlimited());
        assertEquals(0, fresh.state().lastSeq(), "a deleted stream comes back empty");
        fresh.close();
        live().delete(ACCOUNT, name);
    }

    @Test
    void closedStoreRefuses() {
        StreamStore s = newStream();
        s.close();
        StorageException e = assertThrows(StorageException.class, () -> s.store("a", null, bytes("x"), 1));
        assertEquals(StorageException.Reason.CLOSED, e.reason());
        assertThrows(StorageException.class, s::state);
    }

    @Test
    void snapshotAndRestoreIntoAnotherStream() throws IOException {
        StreamStore s = newStream();
        fill(s, "a", 6);
        s.store("b", bytes("hdr"), bytes("body"), 7);
        s.remove(2);
        s.compact(2);
        s.skip();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.snapshot(out);
        StreamStore t = newStream();
        fill(t, "junk", 3);
        t.restore(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(s.state(), t.state());
        assertEquals(s.deletedRanges(), t.deletedRanges());
        assertEquals(s.subjects(">"), t.subjects(">"));
        assertEquals(s.lastApplied(), t.lastApplied());
        assertMessage(t, 7, "b", bytes("body"));
        assertEquals(9, t.store("c", null, bytes("c"), 9));
    }

    @Test
    void aRestoredStreamSurvivesARestart() throws IOException {
        StreamStore s = newStream();
        fill(s, "a", 20);
        s.remove(7);
        s.purge("a", 4, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.snapshot(out);
        var ranges = s.deletedRanges();
        long applied = s.lastApplied();
        StreamStore t = newStream();
        String name = lastName();
        fill(t, "junk", 50);
        t.restore(new ByteArrayInputStream(out.toByteArray()));
        StreamState restored = t.state();
        StreamStore again = restart(t, name, StreamConfig.unlimited());
        assertEquals(restored, again.state());
        assertEquals(ranges, again.deletedRanges());
        assertEquals(applied, again.lastApplied());
        assertMessage(again, 20, "a", bytes("m20"));
        again.close();
    }

    @Test
    void restoreRejectsACorruptSnapshot() throws IOException {
        StreamStore s = newStream();
        fill(s, "a", 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.snapshot(out);
        byte[] snap = out.toByteArray();
        snap[snap.length - 10] ^= 1;
        StreamStore t = newStream();
        fill(t, "kept", 2);
        assertThrows(Exception.class, () -> t.restore(new ByteArrayInputStream(snap)));
        assertEquals(2, t.state().msgs(), "a bad snapshot changes nothing");
    }

    @Test
    void appliedCountsOperationsThatChangedTheStore() {
        StreamStore s = newStream();
        s.store("a", null, bytes("1"), 1);
        s.store("a", null, bytes("2"), 2);
        s.skip();
        assertEquals(3, s.lastApplied());
        s.remove(1);
        s.remove(1);
        assertEquals(4, s.lastApplied(), "a remove that removed nothing is no operation");
        s.purge();
        s.purge();
        assertEquals(5, s.lastApplied());
        s.truncate(100);
        assertEquals(5, s.lastApplied());
    }

    @Test
    void consumerStoresAreListedAndDeleted() {
        StreamStore s = newStream();
        s.consumer("c1").close();
        s.consumer("c2").close();
        assertEquals(List.of("c1", "c2"), s.consumers());
        assertTrue(s.deleteConsumer("c1"));
        assertFalse(s.deleteConsumer("c1"));
        assertEquals(List.of("c2"), s.consumers());
    }
}
