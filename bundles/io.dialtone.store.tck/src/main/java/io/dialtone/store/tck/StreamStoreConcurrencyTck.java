package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Writers and readers on one stream at once: sequences stay dense and unique, and every load is whole. */
public abstract class StreamStoreConcurrencyTck extends TckBase {

    private static final int WRITERS = 4;
    private static final int PER_WRITER = 300;

    @Test
    void concurrentWritersAndReaders() throws InterruptedException {
        StreamStore s = newStream();
        Map<Long, byte[]> written = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < PER_WRITER; i++) {
                    byte[] payload = bytes("writer " + writer + " message " + i);
                    written.put(s.store("w." + writer, null, payload, i), payload);
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                StoredMessage m = new StoredMessage();
                try {
                    while (written.size() < WRITERS * PER_WRITER) {
                        long seq = 1 + ThreadLocalRandom.current().nextLong(WRITERS * PER_WRITER);
                        byte[] expected = written.get(seq);
                        if (expected != null && s.load(seq, m)) {
                            assertArrayEquals(expected, m.payload(), "message " + seq);
                        }
                        s.loadLast("w.*", m);
                        s.state();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a reader saw a broken message", failure.get());
        }
        assertEquals(WRITERS * PER_WRITER, written.size(), "every sequence given once");
        assertEquals(WRITERS * PER_WRITER, s.state().lastSeq(), "and no other");
        StoredMessage m = new StoredMessage();
        for (Map.Entry<Long, byte[]> e : written.entrySet()) {
            assertEquals(true, s.load(e.getKey(), m), "message " + e.getKey());
            assertArrayEquals(e.getValue(), m.payload(), "message " + e.getKey());
            assertEquals("w." + new String(e.getValue()).split(" ")[1], m.subject());
        }
    }
}
