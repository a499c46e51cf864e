package io.dialtone.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Readers match while writers insert and remove; then the index must agree with the writers' final state. */
class SubjectIndexConcurrencyTest {

    private static final int WRITERS = 2;
    private static final int READERS = 2;
    private static final int OPS_PER_WRITER = 4000;

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(60)
    void readersAndWriters(boolean cache) throws Exception {
        SubjectIndex<Sub> idx = new SubjectIndex<>(cache);
        List<String> subjects = new ArrayList<>();
        Random seedRnd = new Random(7);
        for (int i = 0; i < 40; i++) {
            subjects.add(BruteForce.randomSubject(seedRnd));
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger writersDone = new AtomicInteger();
        AtomicLong readerMatches = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        try {
            List<Future<Set<Sub>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                final int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    try {
                        Random rnd = new Random(100 + writer);
                        List<Sub> live = new ArrayList<>();
                        for (int i = 0; i < OPS_PER_WRITER; i++) {
                            if (live.isEmpty() || rnd.nextInt(100) < 55) {
                                Sub s = new Sub(BruteForce.randomPattern(rnd), BruteForce.randomQueue(rnd),
                                        writer * 1_000_000 + i);
                                s.insertInto(idx);
                                live.add(s);
                            } else {
                                Sub s = live.remove(rnd.nextInt(live.size()));
                                if (!s.removeFrom(idx)) {
                                    throw new AssertionError("lost " + s);
                                }
                            }
                        }
                        return new HashSet<>(live);
                    } finally {
                        writersDone.incrementAndGet();
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                final int reader = r;
                readers.add(pool.submit(() -> {
                    start.await();
                    Random rnd = new Random(200 + reader);
                    do {
                        String subject = subjects.get(rnd.nextInt(subjects.size()));
                        Match<Sub> m = idx.match(subject);
                        for (Sub s : m.plain()) {
                            if (s.queue() != null || !Subjects.subjectMatches(subject, s.subject())) {
                                throw new AssertionError(s + " in plain result for " + subject);
                            }
                        }
                        for (QueueGroup<Sub> g : m.queues()) {
                            for (Sub s : g.members()) {
                                if (!g.name().equals(s.queue()) || !Subjects.subjectMatches(subject, s.subject())) {
                                    throw new AssertionError(s + " in group " + g.name() + " for " + subject);
                                }
                            }
                        }
                        idx.stats();
                        readerMatches.incrementAndGet();
                    } while (writersDone.get() < WRITERS);
                    return null;
                }));
            }
            start.countDown();
            Set<Sub> expected = new HashSet<>();
            for (Future<Set<Sub>> f : writers) {
                expected.addAll(f.get(60, TimeUnit.SECONDS));
            }
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertTrue(readerMatches.get() > 0);

            assertEquals(expected.size(), idx.count());
            assertEquals(expected, new HashSet<>(idx.all()));
            for (String subject : subjects) {
                // served from the cache when enabled: a stale entry left by the race would show here
                assertEquals(BruteForce.expected(expected, subject), BruteForce.canonical(idx.match(subject)),
                        subject);
            }
            for (Sub s : expected) {
                assertTrue(s.removeFrom(idx));
            }
            assertEquals(0, idx.count());
            assertEquals(0, idx.nodeCount());
        } finally {
            pool.shutdownNow();
        }
    }
}
