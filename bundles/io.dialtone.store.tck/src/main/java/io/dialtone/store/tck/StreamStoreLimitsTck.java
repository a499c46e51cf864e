package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StoreListener.Cause;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.StreamStore;
import io.dialtone.api.storage.SubjectState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits a store enforces itself, and what it tells its listener. */
public abstract class StreamStoreLimitsTck extends TckBase {

    /** One removal the listener was told of. */
    record Removal(long seq, String subject, Cause cause) {
    }

    private static List<Removal> listen(StreamStore s) {
        List<Removal> out = new ArrayList<>();
        s.listener((seq, subject, bytes, cause) -> out.add(new Removal(seq, subject, cause)));
        return out;
    }

    @Test
    void maxMsgsDiscardsOldest() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgs(10));
        List<Removal> removed = listen(s);
        fill(s, "foo", 15);
        StreamState st = s.state();
        assertEquals(10, st.msgs());
        assertEquals(6, st.firstSeq());
        assertEquals(15, st.lastSeq());
        assertEquals(5, removed.size());
        assertEquals(new Removal(1, "foo", Cause.MAX_MSGS), removed.get(0));
        assertMessage(s, 6, "foo", bytes("m6"));
    }

    @Test
    void maxMsgsOne() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgs(1));
        fill(s, "foo", 3);
        s.store("bar", null, bytes("b"), 4);
        assertEquals(new StreamState(1, StreamState.msgSize("bar", 0, 1), 4, 4, 4, 4, 1, 0), s.state());
    }

    @Test
    void maxBytesDiscardsOldest() {
        long per = StreamState.msgSize("foo", 0, 2);
        StreamStore s = newStream(StreamConfig.unlimited().withMaxBytes(per * 5));
        List<Removal> removed = listen(s);
        fill(s, "foo", 9);
        assertEquals(5, s.state().msgs());
        assertEquals(per * 5, s.state().bytes());
        assertEquals(5, s.state().firstSeq());
        assertEquals(Cause.MAX_BYTES, removed.get(0).cause());
    }

    @Test
    void discardNewRefusesAtMaxMsgs() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgs(3).withDiscard(StreamConfig.Discard.NEW));
        fill(s, "foo", 3);
        StorageException e = assertThrows(StorageException.class, () -> s.store("foo", null, bytes("x"), 9));
        assertEquals(Reason.MAX_MSGS, e.reason());
        assertEquals("maximum messages exceeded", e.reason().text());
        assertEquals(3, s.state().lastSeq(), "a refused message takes no sequence");
        s.remove(1);
        assertEquals(4, s.store("foo", null, bytes("x"), 9));
    }

    @Test
    void discardNewRefusesAtMaxBytes() {
        long per = StreamState.msgSize("foo", 0, 2);
        StreamStore s = newStream(StreamConfig.unlimited().withMaxBytes(per * 2 + 1)
                .withDiscard(StreamConfig.Discard.NEW));
        fill(s, "foo", 2);
        StorageException e = assertThrows(StorageException.class, () -> s.store("foo", null, bytes("m3"), 3));
        assertEquals(Reason.MAX_BYTES, e.reason());
        assertEquals(2, s.state().msgs());
    }

    @Test
    void messageLargerThanMaxMsgSizeOrMaxBytes() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgSize(10));
        s.store("foo", null, new byte[7], 1);
        StorageException e = assertThrows(StorageException.class, () -> s.store("foo", null, new byte[8], 2));
        assertEquals(Reason.MESSAGE_TOO_LARGE, e.reason());
        StreamStore b = newStream(StreamConfig.unlimited().withMaxBytes(20));
        e = assertThrows(StorageException.class, () -> b.store("foo", null, new byte[8], 2));
        assertEquals(Reason.MAX_BYTES, e.reason());
        assertEquals(0, b.state().lastSeq());
    }

    @Test
    void maxAgeOnStoreAndOnExpire() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxAgeNanos(1000));
        List<Removal> removed = listen(s);
        s.store("a", null, bytes("1"), 1000);
        s.store("a", null, bytes("2"), 1500);
        s.store("a", null, bytes("3"), 2000);
        assertEquals(2, s.state().msgs(), "storing at 2000 expires what is 1000 old");
        assertEquals(new Removal(1, "a", Cause.MAX_AGE), removed.get(0));
        assertEquals(0, s.expire(2400));
        assertEquals(1, s.expire(2500));
        assertEquals(3, s.state().firstSeq());
        assertEquals(1, s.expire(10_000));
        assertEquals(new StreamState(0, 0, 4, 0, 3, 0, 0, 0), s.state());
    }

    @Test
    void maxMsgsPerSubject() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgsPerSubject(2));
        List<Removal> removed = listen(s);
        for (int i = 1; i <= 9; i++) {
            s.store("k." + (i % 3), null, bytes("v" + i), i);
        }
        assertEquals(6, s.state().msgs());
        assertEquals(new SubjectState(2, 4, 7), s.subjects("k.1").get("k.1"));
        assertEquals(4, s.state().firstSeq());
        assertEquals(3, removed.size());
        assertEquals(Cause.MAX_MSGS_PER_SUBJECT, removed.get(0).cause());
    }

    @Test
    void oneMessagePerSubjectKeepsTheLatest() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgsPerSubject(1));
        s.store("kv.a", null, bytes("1"), 1);
        s.store("kv.b", null, bytes("2"), 2);
        s.store("kv.a", null, bytes("3"), 3);
        assertEquals(2, s.state().msgs());
        assertEquals(2, s.state().firstSeq());
        assertEquals(0, s.state().numDeleted());
        assertMessage(s, 3, "kv.a", bytes("3"));
    }

    @Test
    void maxMsgsAndMaxMsgsPerSubjectTogether() {
        StreamStore s = newStream(StreamConfig.unlimited().withMaxMsgs(3).withMaxMsgsPerSubject(1));
        s.store("a", null, bytes("1"), 1);
        s.store("b", null, bytes("2"), 2);
        s.store("a", null, bytes("3"), 3);
        s.store("c", null, bytes("4"), 4);
        s.store("d", null, bytes("5"), 5);
        assertEquals(3, s.state().msgs());
        assertEquals(List.of("a", "c", "d"), new ArrayList<>(s.subjects(">").keySet()));
    }

    @Test
    void updateConfigEnforcesNewLimitsAtOnce() {
        StreamStore s = newStream();
        for (int i = 1; i <= 12; i++) {
            s.store("s." + (i % 4), null, bytes("v"), i);
        }
        s.updateConfig(StreamConfig.unlimited().withMaxMsgsPerSubject(2));
        assertEquals(8, s.state().msgs());
        s.updateConfig(StreamConfig.unlimited().withMaxMsgsPerSubject(2).withMaxMsgs(5));
        assertEquals(5, s.state().msgs());
        assertEquals(8, s.state().firstSeq());
        s.updateConfig(StreamConfig.unlimited().withMaxMsgsPerSubject(1));
        assertEquals(4, s.state().msgs());
        assertEquals(9, s.state().firstSeq());
    }
}
