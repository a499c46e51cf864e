package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * What every TCK class shares: the provider under test, fresh streams (a new name per test, deleted afterwards), and
 * small helpers. A provider's test extends each TCK class and names its {@link TckFixture}, or overrides
 * {@link #provider()} (the in-framework run takes the provider from the service registry).
 */
public abstract class TckBase {

    /** The account TCK streams live in. */
    protected static final String ACCOUNT = "TCK";
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final List<String> opened = new ArrayList<>();
    private StorageProvider current;

    private TckFixture fixture;

    /** The provider under test; by default from the class's {@link TckFixture.Use fixture}. */
    protected StorageProvider provider() {
        return fixture().provider();
    }

    /**
     * The provider after a restart: for a durable provider a new instance over the same data, for the memory provider
     * the same instance (its streams live as long as it does).
     */
    protected StorageProvider restarted() {
        return fixture().restarted();
    }

    private TckFixture fixture() {
        if (fixture == null) {
            TckFixture.Use use = getClass().getAnnotation(TckFixture.Use.class);
            if (use == null) {
                throw new IllegalStateException(getClass() + " names no @TckFixture.Use nor overrides provider()");
            }
            try {
                fixture = use.value().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + use.value(), e);
            }
        }
        return fixture;
    }

    /** The provider in use (after {@link #restart(StreamStore, String, StreamConfig)}, the restarted one). */
    protected final StorageProvider live() {
        if (current == null) {
            current = provider();
        }
        return current;
    }

    /** A new stream with no limits. */
    protected final StreamStore newStream() {
        return newStream(StreamConfig.unlimited());
    }

    /** A new stream with the given limits. */
    protected final StreamStore newStream(StreamConfig config) {
        String name = getClass().getSimpleName() + "-" + STREAMS.incrementAndGet();
        opened.add(name);
        return live().open(ACCOUNT, name, config);
    }

    /** The name of the last stream made by {@link #newStream}. */
    protected final String lastName() {
        return opened.get(opened.size() - 1);
    }

    /** Closes {@code store} and opens it again from a restarted provider. */
    protected final StreamStore restart(StreamStore store, String name, StreamConfig config) {
        store.close();
        current = restarted();
        return current.open(ACCOUNT, name, config);
    }

    @AfterEach
    void deleteStreams() throws Exception {
        for (String name : opened) {
            live().delete(ACCOUNT, name);
        }
        opened.clear();
        if (fixture != null) {
            fixture.close();
        }
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Stores {@code n} messages "m1".."mn" on {@code subject}, timestamps 1..n; returns the last sequence. */
    protected static long fill(StreamStore store, String subject, int n) {
        long seq = 0;
        for (int i = 1; i <= n; i++) {
            seq = store.store(subject, null, bytes("m" + i), i);
        }
        return seq;
    }

    /** Asserts that message {@code seq} is held with this subject and payload. */
    protected static void assertMessage(StreamStore store, long seq, String subject, byte[] payload) {
        StoredMessage m = new StoredMessage();
        assertTrue(store.load(seq, m), "message " + seq + " should be held");
        assertEquals(seq, m.seq());
        assertEquals(subject, m.subject());
        assertArrayEquals(payload, m.payload(), "payload of " + seq);
    }
}
