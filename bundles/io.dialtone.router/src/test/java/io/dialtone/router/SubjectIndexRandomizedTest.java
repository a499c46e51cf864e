package io.dialtone.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random inserts, removes and matches, each match checked against {@link BruteForce}; a cached and an
 * uncached index get the same operations, so stale cache entries show up as differences.
 */
class SubjectIndexRandomizedTest {

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 42, 20240601})
    void matchAgreesWithBruteForce(long seed) {
        Random rnd = new Random(seed);
        SubjectIndex<Sub> cached = new SubjectIndex<>(true);
        SubjectIndex<Sub> uncached = new SubjectIndex<>(false);
        List<Sub> live = new ArrayList<>();
        int nextId = 0;
        int checks = 0;
        for (int step = 0; step < 6000; step++) {
            int op = rnd.nextInt(100);
            if (op < 35) {
                Sub s = new Sub(BruteForce.randomPattern(rnd), BruteForce.randomQueue(rnd), nextId++);
                s.insertInto(cached);
                s.insertInto(uncached);
                live.add(s);
            } else if (op < 40 && !live.isEmpty()) {
                Sub s = live.get(rnd.nextInt(live.size())); // duplicate insert: no change
                s.insertInto(cached);
                s.insertInto(uncached);
            } else if (op < 60 && !live.isEmpty()) {
                Sub s = live.remove(rnd.nextInt(live.size()));
                assertTrue(s.removeFrom(cached), s.toString());
                assertTrue(s.removeFrom(uncached), s.toString());
            } else if (op < 63) {
                Sub ghost = new Sub(BruteForce.randomPattern(rnd), BruteForce.randomQueue(rnd), -1);
                assertFalse(ghost.removeFrom(cached));
                assertFalse(ghost.removeFrom(uncached));
            } else {
                String subject = BruteForce.randomSubject(rnd);
                var expected = BruteForce.expected(live, subject);
                assertEquals(expected, BruteForce.canonical(cached.match(subject)), "cached, " + subject);
                assertEquals(expected, BruteForce.canonical(uncached.match(subject)), "uncached, " + subject);
                checks++;
            }
            assertEquals(live.size(), cached.count());
            assertEquals(live.size(), uncached.count());
        }
        assertTrue(checks > 1000);
        assertTrue(cached.stats().cacheHitRate() > 0.0);
        assertEquals(new HashSet<>(live), new HashSet<>(cached.all()));
        assertEquals(live.size(), cached.all().size());

        for (Sub s : live) {
            assertTrue(s.removeFrom(cached));
            assertTrue(s.removeFrom(uncached));
        }
        assertEquals(0, cached.count());
        assertEquals(0, cached.nodeCount());
        assertEquals(0, uncached.nodeCount());
        for (int i = 0; i < 200; i++) {
            assertTrue(cached.match(BruteForce.randomSubject(rnd)).isEmpty());
        }
    }
}
