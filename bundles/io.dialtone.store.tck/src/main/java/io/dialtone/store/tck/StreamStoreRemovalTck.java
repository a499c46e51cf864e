package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.StreamStore;
import io.dialtone.api.storage.SubjectState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remove, erase, purge, purge by subject, compact, truncate, and those interleaved. */
public abstract class StreamStoreRemovalTck extends TckBase {

    @Test
    void removeInteriorFirstAndLast() {
        StreamStore s = newStream();
        fill(s, "foo", 10);
        assertTrue(s.remove(5));
        assertFalse(s.remove(5), "twice");
        assertFalse(s.remove(11), "never stored");
        assertEquals(List.of(new SeqRange(5, 5)), s.deletedRanges());
        assertTrue(s.remove(1));
        assertEquals(2, s.state().firstSeq());
        assertTrue(s.remove(10));
        StreamState st = s.state();
        assertEquals(10, st.lastSeq(), "removing the last message keeps the last sequence");
        assertEquals(7, st.msgs());
        assertEquals(2, st.numDeleted());
        assertEquals(List.of(new SeqRange(5, 5), new SeqRange(10, 10)), s.deletedRanges());
        assertEquals(11, s.store("foo", null, bytes("m11"), 11));
    }

    @Test
    void removeAllThenStore() {
        StreamStore s = newStream();
        fill(s, "foo", 3);
        s.remove(2);
        s.remove(1);
        s.remove(3);
        assertEquals(new StreamState(0, 0, 4, 0, 3, 0, 0, 0), s.state());
        assertEquals(4, s.store("foo", null, bytes("x"), 4));
        assertEquals(4, s.state().firstSeq());
    }

    @Test
    void eraseRemovesLikeRemove() {
        StreamStore s = newStream();
        fill(s, "foo", 3);
        assertTrue(s.erase(2));
        assertFalse(s.load(2, new StoredMessage()));
        assertEquals(2, s.state().msgs());
        assertFalse(s.erase(2));
        assertMessage(s, 3, "foo", bytes("m3"));
    }

    @Test
    void purgeKeepsLastSequenceAndFirstMovesAboveOne() {
        StreamStore s = newStream();
        fill(s, "foo", 10);
        assertEquals(10, s.purge());
        assertEquals(new StreamState(0, 0, 11, 0, 10, 0, 0, 0), s.state());
        assertEquals(11, s.store("foo", null, bytes("x"), 20));
        StreamState st = s.state();
        assertEquals(11, st.firstSeq());
        assertEquals(0, st.numDeleted());
        StoredMessage m = new StoredMessage();
        assertEquals(11, s.loadNext(">", 0, m));
        assertEquals(1, s.purge());
        assertEquals(0, s.purge(), "twice");
    }

    @Test
    void purgeBySubject() {
        StreamStore s = newStream();
        for (int i = 1; i <= 10; i++) {
            s.store(i % 2 == 0 ? "even" : "odd", null, bytes("v" + i), i);
        }
        assertEquals(5, s.purge("even", 0, 0));
        assertEquals(5, s.state().msgs());
        assertEquals(List.of("odd"), List.copyOf(s.subjects(">").keySet()));
        assertEquals(10, s.state().lastSeq(), "a purged last message leaves the last sequence where it was");
        assertEquals(5, s.state().numDeleted());
    }

    @Test
    void purgeBySubjectKeepsNewest() {
        StreamStore s = newStream();
        for (int i = 1; i <= 10; i++) {
            s.store("k", null, bytes("v" + i), i);
        }
        assertEquals(7, s.purge("k", 0, 3));
        assertEquals(new SubjectState(3, 8, 10), s.filtered("k", 0));
        assertEquals(0, s.purge("k", 0, 3), "already at keep");
        assertEquals(0, s.purge("k", 0, 5));
    }

    @Test
    void purgeBelowSequenceAndWildcard() {
        StreamStore s = newStream();
        for (int i = 1; i <= 9; i++) {
            s.store("w." + (i % 3), null, bytes("v"), i);
        }
        assertEquals(2, s.purge("w.1", 6, 0), "w.1 below 6: 1 and 4");
        assertEquals(4, s.purge("w.*", 7, 0), "2, 3, 5, 6");
        assertEquals(new SubjectState(3, 7, 9), s.filtered(">", 0));
        assertEquals(1, s.purge(">", 8, 0), "match-all with a sequence is a compact");
        assertEquals(8, s.state().firstSeq());
    }

    @Test
    void purgeWithKeepOverDeletedMessages() {
        StreamStore s = newStream();
        fill(s, "k", 10);
        s.remove(9);
        s.remove(3);
        assertEquals(6, s.purge("k", 0, 2));
        assertEquals(List.of(), s.deletedRanges().stream().filter(r -> r.first() < 8).toList());
        assertEquals(new SubjectState(2, 8, 10), s.filtered("k", 0));
    }

    @Test
    void purgeEverythingWithEmptyFilterOrZero() {
        StreamStore s = newStream();
        fill(s, "a", 4);
        assertEquals(4, s.purge("", 0, 0));
        fill(s, "b", 2);
        assertEquals(2, s.purge(">", 0, 0));
        assertEquals(6, s.state().lastSeq());
        assertEquals(7, s.state().firstSeq());
    }

    @Test
    void compact() {
        StreamStore s = newStream();
        fill(s, "foo", 10);
        assertEquals(4, s.compact(5));
        assertEquals(5, s.state().firstSeq());
        assertEquals(0, s.compact(3), "below first");
        s.remove(6);
        assertEquals(1, s.compact(7));
        assertEquals(7, s.state().firstSeq());
        assertEquals(4, s.compact(11), "last + 1 empties");
        assertEquals(new StreamState(0, 0, 11, 0, 10, 0, 0, 0), s.state());
    }

    @Test
    void compactBeyondLastMovesBoth() {
        StreamStore s = newStream();
        fill(s, "foo", 3);
        assertEquals(3, s.compact(100));
        assertEquals(new StreamState(0, 0, 100, 0, 99, 0, 0, 0), s.state());
        assertEquals(100, s.store("foo", null, bytes("x"), 9));
    }

    @Test
    void truncate() {
        StreamStore s = newStream();
        fill(s, "foo", 10);
        s.remove(4);
        s.truncate(6);
        StreamState st = s.state();
        assertEquals(6, st.lastSeq());
        assertEquals(5, st.msgs());
        assertEquals(List.of(new SeqRange(4, 4)), s.deletedRanges());
        assertEquals(7, s.store("foo", null, bytes("new7"), 20));
        assertMessage(s, 7, "foo", bytes("new7"));
        s.truncate(100);
        assertEquals(7, s.state().lastSeq(), "above last: nothing");
    }

    @Test
    void truncateToZeroResets() {
        StreamStore s = newStream();
        fill(s, "foo", 5);
        s.truncate(0);
        assertEquals(new StreamState(0, 0, 1, 0, 0, 0, 0, 0), s.state());
        assertEquals(1, s.store("foo", null, bytes("again"), 1));
    }

    @Test
    void truncateBelowFirstAfterPurge() {
        StreamStore s = newStream();
        fill(s, "foo", 10);
        s.purge();
        fill(s, "foo", 3);
        s.truncate(5);
        assertEquals(new StreamState(0, 0, 6, 0, 5, 0, 0, 0), s.state());
    }

    @Test
    void purgeCompactRemoveInterleaved() {
        StreamStore s = newStream();
        fill(s, "a", 5);
        s.remove(3);
        s.purge();
        fill(s, "b", 5);
        s.compact(8);
        s.remove(9);
        fill(s, "a", 2);
        s.purge("b", 0, 0);
        s.truncate(11);
        StreamState st = s.state();
        assertEquals(1, st.msgs());
        assertEquals(11, st.firstSeq());
        assertEquals(11, st.lastSeq());
        assertMessage(s, 11, "a", bytes("m1"));
        assertEquals(List.of("a"), List.copyOf(s.subjects(">").keySet()));
    }
}
