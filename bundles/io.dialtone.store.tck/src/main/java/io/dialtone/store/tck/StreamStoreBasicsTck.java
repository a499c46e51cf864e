package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.StreamStore;
import io.dialtone.api.storage.SubjectState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Store, load, headers, timestamps, wildcard loads, skips, time lookups, subject totals; the empty store. */
public abstract class StreamStoreBasicsTck extends TckBase {

    @Test
    void emptyStore() {
        StreamStore s = newStream();
        assertEquals(new StreamState(0, 0, 1, 0, 0, 0, 0, 0), s.state());
        StoredMessage m = new StoredMessage();
        assertFalse(s.load(0, m));
        assertFalse(s.load(1, m));
        assertEquals(0, s.loadNext(">", 0, m));
        assertFalse(s.loadLast(">", m));
        assertEquals(1, s.sequenceAt(0));
        assertEquals(List.of(), s.deletedRanges());
        assertEquals(Map.of(), s.subjects(">"));
        assertEquals(SubjectState.EMPTY, s.filtered(">", 0));
        assertFalse(s.remove(0));
        assertFalse(s.remove(1));
        assertEquals(0, s.purge());
        assertEquals(0, s.lastApplied());
    }

    @Test
    void storeAndLoad() {
        StreamStore s = newStream();
        byte[] hdr = bytes("NATS/1.0\r\nA: b\r\n\r\n");
        assertEquals(1, s.store("foo", null, bytes("one"), 100));
        assertEquals(2, s.store("bar", hdr, bytes("two"), 200));
        StoredMessage m = new StoredMessage();
        assertTrue(s.load(2, m));
        assertEquals("bar", m.subject());
        assertEquals(200, m.timestamp());
        assertArrayEquals(hdr, m.headers());
        assertArrayEquals(bytes("two"), m.payload());
        assertTrue(s.load(1, m), "the holder is reused");
        assertEquals(0, m.headerLength());
        assertArrayEquals(bytes("one"), m.payload());
        long bytes = StreamState.msgSize("foo", 0, 3) + StreamState.msgSize("bar", hdr.length, 3);
        assertEquals(new StreamState(2, bytes, 1, 100, 2, 200, 2, 0), s.state());
        assertEquals(2, s.lastApplied());
    }

    @Test
    void zeroBytePayloadAndNullHeaders() {
        StreamStore s = newStream();
        long seq = s.store("empty", null, new byte[0], 1);
        assertMessage(s, seq, "empty", new byte[0]);
        assertEquals(StreamState.msgSize("empty", 0, 0), s.state().bytes());
    }

    @Test
    void largePayload64MiB() {
        StreamStore s = newStream();
        byte[] big = new byte[64 << 20];
        for (int i = 0; i < big.length; i += 4093) {
            big[i] = (byte) i;
        }
        s.store("small", null, bytes("x"), 1);
        long seq = s.store("big", null, big, 2);
        s.store("small", null, bytes("y"), 3);
        StoredMessage m = new StoredMessage();
        assertTrue(s.load(seq, m));
        assertEquals(big.length, m.payloadLength());
        assertArrayEquals(big, m.payload());
        assertMessage(s, 3, "small", bytes("y"));
    }

    @Test
    void invalidSubjectsAreRefused() {
        StreamStore s = newStream();
        for (String bad : new String[] {"", "a.*", "a.>", "a..b", ".a", "a."}) {
            StorageException e = assertThrows(StorageException.class, () -> s.store(bad, null, bytes("x"), 1));
            assertEquals(StorageException.Reason.BAD_REQUEST, e.reason());
        }
        assertEquals(0, s.state().lastSeq());
    }

    /** foo.a, foo.b, baz.c, foo.a, bar.x.y at 1..5. */
    private StreamStore fiveMessages() {
        StreamStore s = newStream();
        String[] subjects = {"foo.a", "foo.b", "baz.c", "foo.a", "bar.x.y"};
        for (int i = 0; i < subjects.length; i++) {
            s.store(subjects[i], null, bytes(String.valueOf(i + 1)), i + 1);
        }
        return s;
    }

    @ParameterizedTest(name = "loadNext({0}, {1}) = {2}")
    @CsvSource({
        "foo.a, 0, 1", "foo.a, 2, 4", "foo.a, 5, 0", "foo.*, 2, 2", "foo.>, 3, 4", "*.b, 0, 2", ">, 3, 3",
        "'', 5, 5", "bar.>, 0, 5", "bar.x.*, 0, 5", "bar.*, 0, 0", "nope, 0, 0", "*.*.*, 0, 5", "foo, 0, 0"})
    void loadNextWithFilters(String filter, long from, long expected) {
        StreamStore s = fiveMessages();
        StoredMessage m = new StoredMessage();
        assertEquals(expected, s.loadNext(filter, from, m));
        if (expected != 0) {
            assertEquals(expected, m.seq());
        }
    }

    @ParameterizedTest(name = "loadLast({0}) = {1}")
    @CsvSource({"foo.a, 4", "foo.b, 2", "foo.*, 4", "*.c, 3", ">, 5", "'', 5", "nope, 0", "bar.>, 5"})
    void loadLastWithFilters(String filter, long expected) {
        StreamStore s = fiveMessages();
        StoredMessage m = new StoredMessage();
        assertEquals(expected != 0, s.loadLast(filter, m));
        if (expected != 0) {
            assertEquals(expected, m.seq());
        }
    }

    @Test
    void loadSkipsRemovedMessages() {
        StreamStore s = newStream();
        fill(s, "a", 5);
        s.remove(2);
        s.remove(3);
        StoredMessage m = new StoredMessage();
        assertFalse(s.load(2, m));
        assertEquals(4, s.loadNext("a", 2, m));
        s.remove(5);
        assertTrue(s.loadLast("a", m));
        assertEquals(4, m.seq());
    }

    @Test
    void skipMessages() {
        StreamStore s = newStream();
        assertEquals(1, s.skip());
        assertEquals(new StreamState(0, 0, 2, 0, 1, 0, 0, 0), s.state(), "a skip on an empty store moves first");
        s.skip(2, 3);
        assertEquals(4, s.state().lastSeq());
        assertEquals(5, s.state().firstSeq());
        StorageException e = assertThrows(StorageException.class, () -> s.skip(9, 1));
        assertEquals(StorageException.Reason.SEQUENCE_MISMATCH, e.reason());
        assertEquals(5, s.store("x", null, bytes("x"), 1));
        assertEquals(6, s.skip());
        assertEquals(7, s.store("x", null, bytes("y"), 2));
        StreamState st = s.state();
        assertEquals(5, st.firstSeq());
        assertEquals(1, st.numDeleted());
        assertEquals(List.of(new SeqRange(6, 6)), s.deletedRanges());
        s.skip(8, 2);
        assertEquals(List.of(new SeqRange(6, 6), new SeqRange(8, 9)), s.deletedRanges());
        assertEquals(3, s.state().numDeleted());
    }

    @Test
    void sequenceAtTime() {
        StreamStore s = newStream();
        for (int i = 1; i <= 10; i++) {
            s.store("t", null, bytes("m"), i * 100L);
        }
        assertEquals(1, s.sequenceAt(0));
        assertEquals(1, s.sequenceAt(100));
        assertEquals(5, s.sequenceAt(450));
        assertEquals(11, s.sequenceAt(5000), "past the end: last + 1");
        s.remove(5);
        s.remove(6);
        assertEquals(7, s.sequenceAt(450), "an interior delete is passed over");
        s.remove(10);
        assertEquals(11, s.sequenceAt(1000), "trailing deletes: last + 1");
    }

    @Test
    void subjectTotalsAndFilteredState() {
        StreamStore s = newStream();
        s.store("a.1", null, bytes("x"), 1);
        s.store("a.2", null, bytes("x"), 2);
        s.store("a.1", null, bytes("x"), 3);
        s.store("b.1", null, bytes("x"), 4);
        s.store("a.1", null, bytes("x"), 5);
        assertEquals(Map.of("a.1", new SubjectState(3, 1, 5), "a.2", new SubjectState(1, 2, 2)), s.subjects("a.*"));
        assertEquals(3, s.subjects(">").size());
        assertEquals(new SubjectState(4, 1, 5), s.filtered("a.>", 0));
        assertEquals(new SubjectState(2, 3, 5), s.filtered("a.1", 2));
        assertEquals(new SubjectState(2, 4, 5), s.filtered(">", 4));
        s.remove(1);
        s.remove(5);
        assertEquals(new SubjectState(1, 3, 3), s.subjects("a.1").get("a.1"), "first and last follow removals");
        s.remove(3);
        assertEquals(Map.of("a.2", new SubjectState(1, 2, 2)), s.subjects("a.*"), "an emptied subject is gone");
        assertEquals(2, s.state().numSubjects());
    }

    @Test
    void oneMessagePerSubject() {
        StreamStore s = newStream();
        for (int i = 0; i < 50; i++) {
            s.store("kv.k" + i, null, bytes("v" + i), i + 1);
        }
        assertEquals(50, s.state().numSubjects());
        StoredMessage m = new StoredMessage();
        assertTrue(s.loadLast("kv.k17", m));
        assertEquals(18, m.seq());
        assertEquals(50, s.subjects("kv.*").size());
    }
}
