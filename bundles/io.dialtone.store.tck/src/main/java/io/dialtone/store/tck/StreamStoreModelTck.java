package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The model test: random operations applied to the provider and to {@link ReferenceStream}, states compared after
 * every step. {@code -Ddialtone.tck.steps=N} (default 5000) and {@code -Ddialtone.tck.seed=S} (default random; the
 * seed is in every failure message).
 */
public abstract class StreamStoreModelTck extends TckBase {

    private static final String[] SUBJECTS = {"a.1", "a.2", "b.1", "b.2", "c"};
    private static final String[] FILTERS = {"", ">", "a.*", "a.1", "b.>", "c", "b.*", "none"};

    /** Steps per run. */
    protected static int steps() {
        return Integer.getInteger("dialtone.tck.steps", 5000);
    }

    @Test
    void randomOperationsMatchTheModel() {
        long seed = Long.getLong("dialtone.tck.seed", new Random().nextLong());
        Run run = new Run(new Random(seed));
        int steps = steps();
        for (int step = 0; step < steps; step++) {
            try {
                run.step();
                run.compare(step % 10 == 0);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("model test failed: seed=" + seed + " (-Ddialtone.tck.seed=" + seed
                        + "), step " + step + ", last op " + run.lastOp + ": " + e.getMessage(), e);
            }
        }
        run.store.close();
    }

    private final class Run {
        final Random rnd;
        final ReferenceStream model = new ReferenceStream();
        final String name;
        StreamStore store;
        long clock;
        String lastOp = "";

        Run(Random rnd) {
            this.rnd = rnd;
            this.store = newStream();
            this.name = lastName();
        }

        void step() {
            int dice = rnd.nextInt(100);
            long first = model.first();
            long last = model.last;
            clock += 10;
            if (dice < 40) {
                String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
                byte[] payload = new byte[rnd.nextInt(41)];
                rnd.nextBytes(payload);
                byte[] headers = rnd.nextInt(5) == 0 ? bytes("NATS/1.0\r\nk: " + rnd.nextInt(99) + "\r\n\r\n") : null;
                long ts = clock;
                both("store " + subject, () -> model.store(subject, headers, payload, ts),
                        () -> store.store(subject, headers, payload, ts));
            } else if (dice < 43) {
                both("skip", model::skip, store::skip);
            } else if (dice < 45) {
                long seq = rnd.nextInt(10) == 0 ? last + 2 : last + 1;
                long count = rnd.nextInt(4);
                both("skip " + seq + " " + count, none(() -> model.skip(seq, count)),
                        none(() -> store.skip(seq, count)));
            } else if (dice < 58) {
                long seq = first - 1 + rnd.nextInt((int) Math.max(1, last - first + 3));
                boolean erase = rnd.nextInt(4) == 0;
                both((erase ? "erase " : "remove ") + seq, () -> model.remove(seq) ? 1L : 0L,
                        () -> (erase ? store.erase(seq) : store.remove(seq)) ? 1L : 0L);
            } else if (dice < 60) {
                both("purge", model::purge, store::purge);
            } else if (dice < 66) {
                String filter = FILTERS[rnd.nextInt(FILTERS.length)];
                long below = rnd.nextBoolean() ? 0 : first + rnd.nextInt((int) Math.max(1, last - first + 2));
                long keep = rnd.nextBoolean() ? 0 : rnd.nextInt(4);
                both("purge " + filter + " " + below + " " + keep, () -> model.purge(filter, below, keep),
                        () -> store.purge(filter, below, keep));
            } else if (dice < 71) {
                long seq = Math.max(0, first - 2 + rnd.nextInt((int) Math.max(1, last - first + 6)));
                both("compact " + seq, () -> model.compact(seq), () -> store.compact(seq));
            } else if (dice < 74) {
                long seq = Math.max(0, first - 3 + rnd.nextInt((int) Math.max(1, last - first + 4)));
                both("truncate " + seq, none(() -> model.truncate(seq)), none(() -> store.truncate(seq)));
            } else if (dice < 78) {
                long now = clock;
                both("expire " + now, () -> model.expire(now), () -> store.expire(now));
            } else if (dice < 82) {
                StreamConfig c = randomConfig();
                both("config " + c, none(() -> model.updateConfig(c)), none(() -> store.updateConfig(c)));
            } else if (dice < 84) {
                lastOp = "restart";
                store = restart(store, name, model.config);
            } else if (dice < 85) {
                lastOp = "snapshot and restore";
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    store.snapshot(out);
                    store.restore(new ByteArrayInputStream(out.toByteArray()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                query();
            }
        }

        private StreamConfig randomConfig() {
            StreamConfig c = StreamConfig.unlimited();
            switch (rnd.nextInt(7)) {
                case 0 -> c = c.withMaxMsgs(1 + rnd.nextInt(30));
                case 1 -> c = c.withMaxBytes(200 + rnd.nextInt(2000));
                case 2 -> c = c.withMaxMsgsPerSubject(1 + rnd.nextInt(5));
                case 3 -> c = c.withMaxAgeNanos(50 + rnd.nextInt(500));
                case 4 -> c = c.withMaxMsgs(5 + rnd.nextInt(20)).withDiscard(StreamConfig.Discard.NEW);
                case 5 -> c = c.withMaxMsgSize(30).withMaxBytes(600).withDiscard(StreamConfig.Discard.NEW);
                default -> {
                }
            }
            return c;
        }

        private void query() {
            String filter = FILTERS[rnd.nextInt(FILTERS.length)];
            long from = rnd.nextInt((int) Math.max(1, model.last + 2));
            StoredMessage m = new StoredMessage();
            lastOp = "query " + filter + " from " + from;
            assertEquals(model.loadNext(filter, from), store.loadNext(filter, from, m), "loadNext");
            long lastSeq = model.loadLast(filter);
            assertEquals(lastSeq != 0, store.loadLast(filter, m), "loadLast");
            if (lastSeq != 0) {
                assertEquals(lastSeq, m.seq(), "loadLast seq");
            }
            assertEquals(model.subjects(filter), store.subjects(filter), "subjects " + filter);
            long ts = rnd.nextInt((int) Math.max(1, clock + 20));
            assertEquals(model.sequenceAt(ts), store.sequenceAt(ts), "sequenceAt " + ts);
        }

        private Supplier<Long> none(Runnable r) {
            return () -> {
                r.run();
                return 0L;
            };
        }

        private void both(String op, Supplier<Long> onModel, Supplier<Long> onStore) {
            lastOp = op;
            Long expected = null;
            StorageException.Reason expectedFailure = null;
            try {
                expected = onModel.get();
            } catch (StorageException e) {
                expectedFailure = e.reason();
            }
            Long actual = null;
            StorageException.Reason actualFailure = null;
            try {
                actual = onStore.get();
            } catch (StorageException e) {
                actualFailure = e.reason();
            }
            assertEquals(expectedFailure, actualFailure, op + ": refusal");
            assertEquals(expected, actual, op + ": result");
        }

        void compare(boolean deep) {
            assertEquals(model.state(), store.state(), "state");
            assertEquals(model.applied, store.lastApplied(), "applied");
            if (!deep) {
                return;
            }
            assertEquals(model.deletedRanges(), store.deletedRanges(), "deleted ranges");
            assertEquals(model.subjects(">"), store.subjects(">"), "subjects");
            StoredMessage m = new StoredMessage();
            for (ReferenceStream.Msg expected : model.msgs.values()) {
                if (!store.load(expected.seq(), m)) {
                    throw new AssertionError("message " + expected.seq() + " missing");
                }
                assertEquals(expected.subject(), m.subject(), "subject of " + expected.seq());
                assertEquals(expected.ts(), m.timestamp(), "timestamp of " + expected.seq());
                assertArrayEquals(expected.payload(), m.payload(), "payload of " + expected.seq());
                assertArrayEquals(expected.headers() == null ? new byte[0] : expected.headers(), m.headers());
            }
        }
    }
}
