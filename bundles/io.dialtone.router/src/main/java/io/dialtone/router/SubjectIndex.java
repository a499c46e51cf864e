package io.dialtone.router;

import io.dialtone.router.internal.SubjectTrie;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

/**
 * The subscription index (nats-server's {@code Sublist}): subscriptions stored under subject patterns
 * with {@code *} and {@code >} wildcards, plain or in a queue group, and {@link #match} from a
 * published subject to every matching subscription. Safe for concurrent use.
 *
 * <p>Match results are cached by subject (at most {@value #CACHE_MAX} entries; past that the cache is
 * swept down to {@value #CACHE_SWEEP_TO}). A cache hit takes no lock and allocates nothing. Inserts add
 * the new subscription to the cached results it matches, removes drop the cached results they affect,
 * both under the exclusive lock; a cache miss walks the trie and fills the cache under the shared lock,
 * so it can never store a result that a concurrent write would have changed.
 *
 * <p>A subscription is identified by {@code equals}/{@code hashCode} together with its subject and
 * queue: the same object may be inserted under several subjects (and is then matched once per matching
 * subject). Inserting it again under the same subject and queue does nothing.
 *
 * @param <S> the subscription type
 */
public final class SubjectIndex<S> {

    /** The cache grows to at most this many results before it is swept. */
    public static final int CACHE_MAX = 1024;
    /** A sweep drops cached results until this many are left. */
    public static final int CACHE_SWEEP_TO = 512;

    private final StampedLock lock = new StampedLock();
    private final SubjectTrie<S> trie = new SubjectTrie<>();
    /** Subject to result; {@code null} when caching is disabled. */
    private final ConcurrentHashMap<String, Match<S>> cache;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final LongAdder matches = new LongAdder();
    /** Advanced by every insert and remove that changed the index; lets callers keep their own caches. */
    private volatile long generation;
    private final LongAdder cacheHits = new LongAdder();
    // Written under the exclusive lock only; volatile for lock-free reads.
    private volatile int count;
    private volatile long inserts;
    private volatile long removes;

    /** An index with the result cache enabled. */
    public SubjectIndex() {
        this(true);
    }

    /**
     * An index with the result cache enabled or not ({@code false} is nats-server's
     * {@code no_sublist_cache}).
     */
    public SubjectIndex(boolean cacheEnabled) {
        this.cache = cacheEnabled ? new ConcurrentHashMap<>() : null;
    }

    /** Whether match results are cached. */
    public boolean cacheEnabled() {
        return cache != null;
    }

    /**
     * Adds {@code sub} under {@code subject}, in queue group {@code queue} or as a plain subscription
     * when {@code queue} is {@code null}.
     *
     * @throws IllegalArgumentException when the subject is not {@link Subjects#isValidSubject valid} or
     *                                  the queue name not {@link Subjects#isValidQueueName valid}
     */
    public void insert(String subject, String queue, S sub) {
        Objects.requireNonNull(sub, "sub");
        if (!Subjects.isValidSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        if (queue != null && !Subjects.isValidQueueName(queue)) {
            throw new IllegalArgumentException("invalid queue name: " + queue);
        }
        long stamp = lock.writeLock();
        try {
            if (!trie.insert(subject, queue, sub)) {
                return;
            }
            count++;
            inserts++;
            addToCache(subject, queue, sub);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Removes {@code sub} from {@code subject} and {@code queue} ({@code null} for plain).
     *
     * @return whether it was there; false for an invalid subject
     */
    public boolean remove(String subject, String queue, S sub) {
        if (sub == null || !Subjects.isValidSubject(subject)) {
            return false;
        }
        long stamp = lock.writeLock();
        try {
            if (!trie.remove(subject, queue, sub)) {
                return false;
            }
            count--;
            removes++;
            removeFromCache(subject);
            generation++;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * A counter that changes whenever a subscription is inserted or removed. A caller may keep results of
     * {@link #match} in a cache of its own (as nats-server's per-connection cache does) and trust an entry while the
     * generation it read <em>before</em> calling {@code match} is still current.
     */
    public long generation() {
        return generation;
    }

    /**
     * All subscriptions whose pattern matches the literal {@code subject}. Tokens of the subject are
     * compared as plain strings (a {@code *} token in it is only matched by wildcards); a subject with an
     * empty token matches nothing. The result is immutable and may be shared.
     */
    public Match<S> match(String subject) {
        matches.increment();
        if (cache != null) {
            Match<S> cached = cache.get(subject);
            if (cached != null) {
                cacheHits.increment();
                return cached;
            }
        }
        List<S> plain = new ArrayList<>();
        Map<String, List<S>> queues = new LinkedHashMap<>();
        Match<S> result;
        long stamp = lock.readLock();
        try {
            if (!trie.collect(subject, plain, queues)) {
                return Match.empty(); // empty token: not cached, like nats-server
            }
            result = Match.of(plain, queues);
            if (cache != null) {
                cache.put(subject, result);
            }
        } finally {
            lock.unlockRead(stamp);
        }
        if (cache != null && cache.size() > CACHE_MAX) {
            sweepCache();
        }
        return result;
    }

    /** The number of subscriptions. */
    public int count() {
        return count;
    }

    /** The number of cached match results. */
    public int cacheCount() {
        return cache == null ? 0 : cache.size();
    }

    /** A snapshot of the counters, as nats-server's {@code /subsz} reports them. */
    public Stats stats() {
        int subs;
        long ins;
        long rem;
        long stamp = lock.readLock();
        try {
            subs = count;
            ins = inserts;
            rem = removes;
        } finally {
            lock.unlockRead(stamp);
        }
        long numMatches = matches.sum();
        long hits = cacheHits.sum();
        double hitRate = numMatches > 0 ? (double) hits / numMatches : 0.0;
        int numCache = 0;
        int maxFanout = 0;
        long totalFanout = 0;
        if (cache != null) {
            for (Match<S> r : cache.values()) {
                numCache++;
                int f = r.fanout();
                totalFanout += f;
                maxFanout = Math.max(maxFanout, f);
            }
        }
        double avgFanout = numCache > 0 ? (double) totalFanout / numCache : 0.0;
        return new Stats(subs, numCache, ins, rem, numMatches, hitRate, maxFanout, avgFanout);
    }

    /** Every subscription, once per subject and queue it was inserted under (for {@code /subsz?subs=1}). */
    public List<S> all() {
        List<S> out = new ArrayList<>();
        forEach((subject, queue, sub) -> out.add(sub));
        return out;
    }

    /**
     * Calls {@code visitor} for every subscription with the subject and queue it was inserted under. The
     * visitor runs on a snapshot taken under the lock, so it may itself call into this index.
     */
    public void forEach(SubscriptionVisitor<S> visitor) {
        List<Object[]> snapshot = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            trie.visit((subject, queue, sub) -> snapshot.add(new Object[] {subject, queue, sub}));
        } finally {
            lock.unlockRead(stamp);
        }
        for (Object[] e : snapshot) {
            @SuppressWarnings("unchecked")
            S sub = (S) e[2];
            visitor.visit((String) e[0], (String) e[1], sub);
        }
    }

    /** The number of trie nodes; 0 once every subscription is removed. */
    public int nodeCount() {
        long stamp = lock.readLock();
        try {
            return trie.nodeCount();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Adds a new subscription to the cached results it matches. Exclusive lock held. */
    private void addToCache(String subject, String queue, S sub) {
        if (cache == null) {
            return;
        }
        if (Subjects.subjectIsLiteral(subject)) {
            Match<S> r = cache.get(subject);
            if (r != null) {
                cache.replace(subject, r, r.with(queue, sub));
            }
            return;
        }
        for (Map.Entry<String, Match<S>> e : cache.entrySet()) {
            if (Subjects.subjectMatches(e.getKey(), subject)) {
                Match<S> r = e.getValue();
                cache.replace(e.getKey(), r, r.with(queue, sub));
            }
        }
    }

    /** Drops the cached results a removed subscription was part of. Exclusive lock held. */
    private void removeFromCache(String subject) {
        if (cache == null) {
            return;
        }
        if (Subjects.subjectIsLiteral(subject)) {
            cache.remove(subject);
            return;
        }
        cache.keySet().removeIf(key -> Subjects.subjectMatches(key, subject));
    }

    /** Drops arbitrary cached results until {@value #CACHE_SWEEP_TO} are left; one sweeper at a time. */
    private void sweepCache() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            Iterator<String> it = cache.keySet().iterator();
            while (cache.size() > CACHE_SWEEP_TO && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
