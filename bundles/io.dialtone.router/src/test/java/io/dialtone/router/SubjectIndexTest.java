package io.dialtone.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of {@link SubjectIndex}, after nats-server's sublist_test.go; most run with and without cache. */
class SubjectIndexTest {

    private static SubjectIndex<Sub> index(boolean cache) {
        return new SubjectIndex<>(cache);
    }

    private static Sub add(SubjectIndex<Sub> index, String subject, int id) {
        Sub s = Sub.plain(subject, id);
        s.insertInto(index);
        return s;
    }

    private static Sub addQ(SubjectIndex<Sub> index, String subject, String queue, int id) {
        Sub s = Sub.queue(subject, queue, id);
        s.insertInto(index);
        return s;
    }

    private static Set<Sub> plainSet(Match<Sub> m) {
        return new HashSet<>(m.plain());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void literalMatch(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub a = add(idx, "foo", 1);
        Sub b = add(idx, "foo.bar.baz", 2);
        assertEquals(List.of(a), idx.match("foo").plain());
        assertEquals(List.of(b), idx.match("foo.bar.baz").plain());
        assertTrue(idx.match("foo.bar").isEmpty());
        assertTrue(idx.match("bar").isEmpty());
        assertEquals(2, idx.count());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void partialWildcard(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub lit = add(idx, "a.b.c", 1);
        Sub mid = add(idx, "a.*.c", 2);
        Sub end = add(idx, "a.b.*", 3);
        Sub first = add(idx, "*.b.c", 4);
        Sub all = add(idx, "*.*.*", 5);
        add(idx, "a.*", 6);
        add(idx, "a.b.c.*", 7);
        assertEquals(Set.of(lit, mid, end, first, all), plainSet(idx.match("a.b.c")));
        assertEquals(Set.of(end, all), plainSet(idx.match("a.b.x")));
        assertEquals(Set.of(mid, all), plainSet(idx.match("a.x.c")));
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void fullWildcard(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub lit = add(idx, "a.b.c", 1);
        Sub afwc = add(idx, "a.>", 2);
        Sub fwc = add(idx, ">", 3);
        Sub abfwc = add(idx, "a.b.>", 4);
        assertEquals(Set.of(lit, afwc, fwc, abfwc), plainSet(idx.match("a.b.c")));
        assertEquals(Set.of(afwc, fwc), plainSet(idx.match("a.b")));
        assertEquals(Set.of(fwc), plainSet(idx.match("a")), "'>' needs at least one token after 'a.'");
        assertEquals(Set.of(afwc, fwc), plainSet(idx.match("a.>")), "a '>' in a published subject is a token");
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void wildcardCharactersInsideTokensAreLiteral(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub star = add(idx, "foo.*-", 1);
        Sub gt = add(idx, "foo.>-", 2);
        assertTrue(idx.match("foo.bar").isEmpty());
        assertEquals(List.of(star), idx.match("foo.*-").plain());
        assertEquals(List.of(gt), idx.match("foo.>-").plain());
        assertFalse(idx.remove("foo.bar", null, star));
        assertEquals(2, idx.count());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void overlappingPatterns(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub s1 = add(idx, "orders.eu.created", 1);
        Sub s2 = add(idx, "orders.*.created", 2);
        Sub s3 = add(idx, "orders.>", 3);
        Sub s4 = add(idx, "*.eu.*", 4);
        Sub s5 = add(idx, "orders.us.created", 5);
        // the same object under two subjects is matched once per subject
        idx.insert("orders.eu.>", null, s1);
        Match<Sub> m = idx.match("orders.eu.created");
        assertEquals(5, m.plain().size());
        assertEquals(Set.of(s1, s2, s3, s4), plainSet(m));
        assertEquals(2, m.plain().stream().filter(s1::equals).count());
        assertEquals(Set.of(s2, s3, s5), plainSet(idx.match("orders.us.created")));
        assertEquals(6, idx.count());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void queueGroupsByName(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub plain = add(idx, "foo", 1);
        Sub bar1 = addQ(idx, "foo", "bar", 2);
        Sub baz1 = addQ(idx, "foo", "baz", 3);
        Sub bar2 = addQ(idx, "*", "bar", 4);
        Sub baz2 = addQ(idx, ">", "baz", 5);
        addQ(idx, "other", "bar", 6);

        Match<Sub> m = idx.match("foo");
        assertEquals(List.of(plain), m.plain());
        assertEquals(2, m.queues().size());
        assertEquals(Set.of(bar1, bar2), new HashSet<>(m.queue("bar").members()));
        assertEquals(Set.of(baz1, baz2), new HashSet<>(m.queue("baz").members()));
        assertNull(m.queue("nope"));
        assertEquals(3, m.fanout());

        assertTrue(plain.removeFrom(idx));
        assertTrue(bar1.removeFrom(idx));
        m = idx.match("foo");
        assertTrue(m.plain().isEmpty());
        assertEquals(List.of(bar2), m.queue("bar").members());
        assertTrue(bar2.removeFrom(idx));
        m = idx.match("foo");
        assertEquals(1, m.queues().size());
        assertEquals("baz", m.queues().get(0).name());
        assertTrue(baz1.removeFrom(idx));
        assertTrue(baz2.removeFrom(idx));
        assertTrue(idx.match("foo").isEmpty());
        assertEquals(1, idx.count());
    }

    @Test
    void queueAndPlainOfSameSubAreDistinct() {
        SubjectIndex<Sub> idx = index(true);
        Sub s = Sub.plain("foo", 1);
        idx.insert("foo", null, s);
        idx.insert("foo", "q", s);
        assertEquals(2, idx.count());
        assertFalse(idx.remove("foo", "other", s));
        assertTrue(idx.remove("foo", "q", s));
        assertEquals(List.of(s), idx.match("foo").plain());
        assertTrue(idx.match("foo").queues().isEmpty());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void remove(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub sub = add(idx, "a.b.c.d", 1);
        Sub psub = add(idx, "a.b.*.d", 2);
        Sub fsub = add(idx, "a.b.>", 3);
        assertEquals(3, idx.match("a.b.c.d").plain().size());
        assertFalse(idx.remove("a.b.c", null, sub), "wrong subject");
        assertFalse(idx.remove("a.b.c.d", null, Sub.plain("a.b.c.d", 99)), "unknown sub");
        assertFalse(idx.remove("a.b.c.d", "q", sub), "wrong queue");
        assertFalse(idx.remove("a.b..d", null, sub), "invalid subject");
        assertFalse(idx.remove("a.>.b", null, sub), "invalid subject");
        assertEquals(3, idx.count());
        assertTrue(sub.removeFrom(idx));
        assertFalse(sub.removeFrom(idx), "already removed");
        assertEquals(Set.of(psub, fsub), plainSet(idx.match("a.b.c.d")));
        assertTrue(fsub.removeFrom(idx));
        assertEquals(Set.of(psub), plainSet(idx.match("a.b.c.d")));
        assertTrue(psub.removeFrom(idx));
        assertTrue(idx.match("a.b.c.d").isEmpty());
        assertEquals(0, idx.count());
        Stats st = idx.stats();
        assertEquals(3, st.numInserts());
        assertEquals(3, st.numRemoves());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void duplicateInsertIsIgnored(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        Sub s = add(idx, "foo.*", 1);
        idx.match("foo.bar");
        s.insertInto(idx);
        assertEquals(1, idx.count());
        assertEquals(List.of(s), idx.match("foo.bar").plain());
        assertTrue(s.removeFrom(idx));
        assertEquals(0, idx.nodeCount());
    }

    @Test
    void invalidInsertThrows() {
        SubjectIndex<Sub> idx = index(true);
        for (String bad : new String[] {"", ".foo", "foo.", "foo..bar", "foo.bar..baz", "foo.>.bar", ">.foo",
                "foo bar", "foo.\tbar"}) {
            assertThrows(IllegalArgumentException.class, () -> idx.insert(bad, null, Sub.plain(bad, 1)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> idx.insert("foo", "", Sub.plain("foo", 1)));
        assertThrows(IllegalArgumentException.class, () -> idx.insert("foo", "a b", Sub.plain("foo", 1)));
        assertThrows(NullPointerException.class, () -> idx.insert("foo", null, null));
        assertEquals(0, idx.count());
        assertEquals(0, idx.nodeCount());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void subjectsWithEmptyTokensMatchNothing(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        add(idx, ">", 1);
        addQ(idx, ">", "queue", 2);
        for (String subj : new String[] {"", ".foo", "..foo", "foo..", "foo.", "foo..bar", "foo...bar"}) {
            assertTrue(idx.match(subj).isEmpty(), subj);
        }
        assertEquals(0, idx.cacheCount());
    }

    @Test
    void emptyResultIsShared() {
        SubjectIndex<Sub> idx = index(true);
        assertSame(idx.match("foo"), idx.match("bar"));
        assertSame(Match.empty(), idx.match("baz"));
    }

    @Test
    void cacheHitReturnsSameResult() {
        SubjectIndex<Sub> idx = index(true);
        add(idx, "foo.*", 1);
        Match<Sub> first = idx.match("foo.bar");
        assertSame(first, idx.match("foo.bar"));
        assertEquals(1, idx.cacheCount());
    }

    @Test
    void cacheAddsLaterWildcardSubscriptions() {
        SubjectIndex<Sub> idx = index(true);
        Sub a = add(idx, "foo.*", 1);
        Sub b = add(idx, "foo.bar", 2);
        assertEquals(Set.of(a), plainSet(idx.match("foo.baz")));
        assertEquals(Set.of(a, b), plainSet(idx.match("foo.bar")));
        Sub c = add(idx, "foo.>", 3);
        assertEquals(Set.of(a, b, c), plainSet(idx.match("foo.bar")));
        assertEquals(Set.of(a, c), plainSet(idx.match("foo.baz")));
        Sub d = add(idx, "*.bar", 4);
        Sub q = addQ(idx, "foo.*", "workers", 5);
        Sub e = add(idx, "foo.bar", 6);
        Match<Sub> m = idx.match("foo.bar");
        assertEquals(Set.of(a, b, c, d, e), plainSet(m));
        assertEquals(List.of(q), m.queue("workers").members());
        assertEquals(Set.of(a, c), plainSet(idx.match("foo.baz")));
        assertEquals(List.of(q), idx.match("foo.baz").queue("workers").members());
        add(idx, "other.>", 7);
        add(idx, "foo.*.*", 8);
        assertEquals(Set.of(a, b, c, d, e), plainSet(idx.match("foo.bar")));
    }

    @Test
    void cacheDropsRemovedSubscriptions() {
        SubjectIndex<Sub> idx = index(true);
        Sub sub = add(idx, "a.b.c.d", 1);
        assertEquals(1, idx.match("a.b.c.d").plain().size());
        Sub psub = add(idx, "a.b.*.d", 2);
        Sub fsub = add(idx, "a.b.>", 3);
        assertEquals(3, idx.match("a.b.c.d").plain().size());
        idx.match("a.b.x");
        idx.match("z");
        assertTrue(fsub.removeFrom(idx));
        assertEquals(Set.of(sub, psub), plainSet(idx.match("a.b.c.d")));
        assertTrue(idx.match("a.b.x").isEmpty());
        assertTrue(sub.removeFrom(idx));
        assertEquals(Set.of(psub), plainSet(idx.match("a.b.c.d")));
        assertTrue(psub.removeFrom(idx));
        assertTrue(idx.match("a.b.c.d").isEmpty());
    }

    @Test
    void cacheIsEmptiedByRemovals() {
        SubjectIndex<Sub> idx = index(true);
        Sub sub = add(idx, "a.b.c.d", 1);
        Sub psub = add(idx, "a.b.*.d", 2);
        Sub fsub = add(idx, "a.b.>", 3);
        idx.match("a.b.c.d");
        assertEquals(1, idx.cacheCount());
        sub.removeFrom(idx);
        fsub.removeFrom(idx);
        psub.removeFrom(idx);
        assertEquals(0, idx.cacheCount());
    }

    @Test
    void cacheHitMissCounters() {
        SubjectIndex<Sub> idx = index(true);
        add(idx, "foo", 1);
        for (int i = 0; i < 4; i++) {
            idx.match("foo");
        }
        Stats st = idx.stats();
        assertEquals(4, st.numMatches());
        assertEquals(0.75, st.cacheHitRate());
        assertEquals(1, st.numCache());
        assertEquals(1, st.numSubscriptions());
        assertEquals(1, st.numInserts());
        assertEquals(0, st.numRemoves());
        assertEquals(1, st.maxFanout());
        assertEquals(1.0, st.avgFanout());
        add(idx, "foo", 2); // updates the cached entry: still a hit
        idx.match("foo");
        assertEquals(4.0 / 5, idx.stats().cacheHitRate());
        Sub.plain("foo", 2).removeFrom(idx); // drops the cached entry: a miss
        idx.match("foo");
        assertEquals(4.0 / 6, idx.stats().cacheHitRate());
    }

    @Test
    void fanoutStats() {
        SubjectIndex<Sub> idx = index(true);
        add(idx, "a.*", 1);
        add(idx, "a.b", 2);
        addQ(idx, "a.b", "q1", 3);
        addQ(idx, "a.b", "q1", 4);
        addQ(idx, ">", "q2", 5);
        idx.match("a.b"); // 2 plain + 2 groups
        idx.match("a.c"); // 1 plain + 1 group
        Stats st = idx.stats();
        assertEquals(2, st.numCache());
        assertEquals(4, st.maxFanout());
        assertEquals(3.0, st.avgFanout());
    }

    @Test
    void cacheSweepBound() {
        SubjectIndex<Sub> idx = index(true);
        add(idx, ">", 1);
        for (int i = 0; i < SubjectIndex.CACHE_MAX; i++) {
            idx.match("foo-" + i);
        }
        assertEquals(SubjectIndex.CACHE_MAX, idx.cacheCount());
        idx.match("one-more");
        assertEquals(SubjectIndex.CACHE_SWEEP_TO, idx.cacheCount());
        for (int i = 0; i < 4 * SubjectIndex.CACHE_MAX; i++) {
            assertEquals(1, idx.match("bar-" + i).plain().size());
            assertTrue(idx.cacheCount() <= SubjectIndex.CACHE_MAX);
        }
        assertTrue(idx.stats().numCache() <= SubjectIndex.CACHE_MAX);
    }

    @Test
    void noCacheMode() {
        SubjectIndex<Sub> idx = index(false);
        assertFalse(idx.cacheEnabled());
        add(idx, "foo", 1);
        add(idx, "bar", 2);
        add(idx, "foo.bar.baz", 3);
        idx.match("a.b.c");
        idx.match("bar");
        idx.match("bar");
        Stats st = idx.stats();
        assertEquals(0, st.numCache());
        assertEquals(0.0, st.cacheHitRate());
        assertEquals(3, st.numMatches());
        assertEquals(0, idx.cacheCount());
        assertTrue(index(true).cacheEnabled());
    }

    @ParameterizedTest(name = "cache={0}")
    @ValueSource(booleans = {true, false})
    void pruningReturnsToZeroNodes(boolean cache) {
        SubjectIndex<Sub> idx = index(cache);
        assertEquals(0, idx.nodeCount());
        Sub lit = add(idx, "a.b.c.d.e.f", 1);
        assertEquals(6, idx.nodeCount());
        assertTrue(lit.removeFrom(idx));
        assertEquals(0, idx.nodeCount());

        Sub wc = add(idx, "a.b.*.d.e.>", 2);
        assertEquals(6, idx.nodeCount());
        assertTrue(wc.removeFrom(idx));
        assertEquals(0, idx.nodeCount());

        List<Sub> subs = new ArrayList<>();
        String[] patterns = {"a", "a.b", "a.b.c", "a.*", "a.>", "*", ">", "*.b.>", "a.b.c", "x.y.z", "a.*.c"};
        int id = 0;
        for (String p : patterns) {
            subs.add(add(idx, p, id++));
            subs.add(addQ(idx, p, "q" + (id % 2), id++));
        }
        // a.b.c.d, a.* and a.> share the node 'a'
        assertTrue(idx.nodeCount() > 0);
        idx.match("a.b.c");
        for (Sub s : subs) {
            assertTrue(s.removeFrom(idx), s.toString());
        }
        assertEquals(0, idx.count());
        assertEquals(0, idx.nodeCount());
        assertTrue(idx.match("a.b.c").isEmpty());
    }

    @Test
    void pruningKeepsNodesStillInUse() {
        SubjectIndex<Sub> idx = index(true);
        Sub ab = add(idx, "a.b", 1);
        Sub abc = add(idx, "a.b.c", 2);
        assertEquals(3, idx.nodeCount());
        assertTrue(ab.removeFrom(idx));
        assertEquals(3, idx.nodeCount(), "a.b still leads to a.b.c");
        assertEquals(List.of(abc), idx.match("a.b.c").plain());
        assertTrue(abc.removeFrom(idx));
        assertEquals(0, idx.nodeCount());
    }

    @Test
    void allAndForEach() {
        SubjectIndex<Sub> idx = index(false);
        Sub a = add(idx, "foo.bar.baz", 1);
        Sub b = add(idx, "foo", 2);
        Sub c = addQ(idx, "foo.*", "q", 3);
        Sub d = add(idx, ">", 4);
        idx.insert("other", null, b);
        List<Sub> all = idx.all();
        assertEquals(5, all.size());
        assertEquals(Set.of(a, b, c, d), new HashSet<>(all));

        Set<String> seen = new HashSet<>();
        idx.forEach((subject, queue, sub) -> seen.add(subject + "|" + queue + "|" + sub.id()));
        assertEquals(Set.of("foo.bar.baz|null|1", "foo|null|2", "foo.*|q|3", ">|null|4", "other|null|2"), seen);

        // the visitor may write to the index
        idx.forEach((subject, queue, sub) -> idx.remove(subject, queue, sub));
        assertEquals(0, idx.count());
        assertEquals(0, idx.nodeCount());
        assertTrue(idx.all().isEmpty());
    }

    @Test
    void resultsAreImmutable() {
        SubjectIndex<Sub> idx = index(true);
        add(idx, "foo", 1);
        addQ(idx, "foo", "q", 2);
        Match<Sub> m = idx.match("foo");
        assertThrows(UnsupportedOperationException.class, () -> m.plain().add(Sub.plain("x", 3)));
        assertThrows(UnsupportedOperationException.class, () -> m.queues().clear());
        QueueGroup<Sub> g = m.queue("q");
        assertNotNull(g);
        assertThrows(UnsupportedOperationException.class, () -> g.members().clear());
        add(idx, "foo", 4); // a later insert must not change an earlier result
        assertEquals(1, m.plain().size());
        assertEquals(2, idx.match("foo").plain().size());
    }
}
