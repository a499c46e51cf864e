package io.dialtone.bench;

import io.dialtone.router.Match;
import io.dialtone.router.SubjectIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SubjectIndex} match, insert and remove. Each trial builds two identical indexes, one with the
 * match cache and one without ({@code no_sublist_cache}), holding:
 *
 * <ul>
 *   <li>{@code subs} literal subscriptions {@code orders.<region>.<id>} (8 regions, ids 0..subs/8);</li>
 *   <li>{@code orders.*.<id>} for every id divisible by 10 (one per id, all regions);</li>
 *   <li>{@code orders.<region>.<id>.>} for every id ending in 5 (per-order event streams);</li>
 *   <li>{@code jobs.orders.process} in 3 queue groups of 5 members each.</li>
 * </ul>
 *
 * Benchmarks cycle through {@value #HOT} pre-built subjects (fewer than the cache sweep threshold, so
 * cached results stay cached); one operation is one {@code match} (or one insert plus one remove).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RouterBenchmark {

    static final int HOT = 256;
    private static final int MASK = HOT - 1;
    static final String[] REGIONS = {
        "us-east", "us-west", "eu-west", "eu-central", "ap-south", "ap-northeast", "sa-east", "af-south"};
    static final String QUEUE_SUBJECT = "jobs.orders.process";
    static final String[] QUEUES = {"billing", "shipping", "audit"};
    static final int QUEUE_MEMBERS = 5;

    /** Number of literal subscriptions (wildcards and queue members come on top, ~2%). */
    @Param({"100", "10000", "100000"})
    public int subs;

    private SubjectIndex<Sub> cached;
    private SubjectIndex<Sub> uncached;

    /** Literal subjects with exactly one (literal) subscriber. */
    private String[] literal;
    /** Literal subjects under a populated region that nobody subscribes to. */
    private String[] noInterest;
    /** Subjects matched by a literal subscription and an {@code orders.*.<id>} one. */
    private String[] star;
    /** Four-token subjects matched only by an {@code orders.<region>.<id>.>} subscription. */
    private String[] full;
    /** For churn: fresh literal subjects and patterns, and the subscriptions inserted under them. */
    private String[] churnLiteral;
    private String[] churnWildcard;
    private Sub[] churnSubs;

    private int next;

    @Setup(Level.Trial)
    public void setup() {
        cached = new SubjectIndex<>(true);
        uncached = new SubjectIndex<>(false);
        int ids = Math.max(1, subs / REGIONS.length);
        int sid = 0;
        for (int k = 0; k < subs; k++) {
            add(subject(k % REGIONS.length, k / REGIONS.length), null, new Sub(sid++));
        }
        for (int id = 0; id < ids; id += 10) {
            add("orders.*." + id, null, new Sub(sid++));
        }
        for (int r = 0; r < REGIONS.length; r++) {
            for (int id = 5; id < ids; id += 10) {
                add(subject(r, id) + ".>", null, new Sub(sid++));
            }
        }
        for (String q : QUEUES) {
            for (int m = 0; m < QUEUE_MEMBERS; m++) {
                add(QUEUE_SUBJECT, q, new Sub(sid++));
            }
        }

        SplittableRandom rnd = new SplittableRandom(42);
        literal = new String[HOT];
        noInterest = new String[HOT];
        star = new String[HOT];
        full = new String[HOT];
        churnLiteral = new String[HOT];
        churnWildcard = new String[HOT];
        churnSubs = new Sub[HOT];
        int lastRegionIds = (subs - 1) / REGIONS.length + 1; // ids 0..lastRegionIds-1 exist in region 0
        for (int i = 0; i < HOT; i++) {
            int k = rnd.nextInt(subs);
            literal[i] = subject(k % REGIONS.length, k / REGIONS.length);
            noInterest[i] = subject(rnd.nextInt(REGIONS.length), lastRegionIds + 1 + rnd.nextInt(1_000_000));
            int starId = 10 * rnd.nextInt(Math.max(1, (ids + 9) / 10));
            star[i] = subject(rnd.nextInt(REGIONS.length), starId);
            int fullId = 5 + 10 * rnd.nextInt(Math.max(1, (ids + 4) / 10));
            full[i] = subject(rnd.nextInt(REGIONS.length), fullId) + ".shipped";
            int fresh = 10_000_000 + i;
            churnLiteral[i] = subject(i % REGIONS.length, fresh);
            churnWildcard[i] = "orders.*." + fresh;
            churnSubs[i] = new Sub(sid++);
        }

        // Sanity checks on the uncached index, then warm the cache with the subjects matched there.
        expectFanout(literal[0], 1);
        expectFanout(noInterest[0], 0);
        if (ids >= 10) {
            expectFanout(star[0], 2);
        }
        if (ids >= 6) {
            expectFanout(full[0], 1);
        }
        if (uncached.match(QUEUE_SUBJECT).queues().size() != QUEUES.length) {
            throw new IllegalStateException("queue groups not matched");
        }
        for (int i = 0; i < HOT; i++) {
            cached.match(literal[i]);
        }
        cached.match(QUEUE_SUBJECT);
        if (cached.cacheCount() > SubjectIndex.CACHE_SWEEP_TO) {
            throw new IllegalStateException("cache too full: " + cached.cacheCount());
        }
    }

    private void add(String subject, String queue, Sub sub) {
        cached.insert(subject, queue, sub);
        uncached.insert(subject, queue, sub);
    }

    private void expectFanout(String subject, int fanout) {
        int got = uncached.match(subject).fanout();
        if (got != fanout) {
            throw new IllegalStateException(subject + ": fanout " + got + ", expected " + fanout);
        }
    }

    static String subject(int region, int id) {
        return "orders." + REGIONS[region] + "." + id;
    }

    private int nextIndex() {
        return next++ & MASK;
    }

    /** Literal subject, result served from the cache (lock-free map lookup). */
    @Benchmark
    public Match<Sub> literalHitCached() {
        return cached.match(literal[nextIndex()]);
    }

    /** Literal subject with the cache disabled: the trie walk plus building the result. */
    @Benchmark
    public Match<Sub> literalMissUncached() {
        return uncached.match(literal[nextIndex()]);
    }

    /** Literal subject nobody subscribes to, cache disabled: a walk that finds nothing. */
    @Benchmark
    public Match<Sub> literalNoInterestUncached() {
        return uncached.match(noInterest[nextIndex()]);
    }

    /** Subject matched by its literal subscription and by {@code orders.*.<id>}, cache disabled. */
    @Benchmark
    public Match<Sub> wildcardStarUncached() {
        return uncached.match(star[nextIndex()]);
    }

    /** Subject matched by {@code orders.<region>.<id>.>}, cache disabled. */
    @Benchmark
    public Match<Sub> wildcardFullUncached() {
        return uncached.match(full[nextIndex()]);
    }

    /** 3 queue groups of 5 members on one subject, cache disabled (walk plus grouping). */
    @Benchmark
    public Match<Sub> queueGroupsUncached() {
        return uncached.match(QUEUE_SUBJECT);
    }

    /** 3 queue groups of 5 members on one subject, served from the cache. */
    @Benchmark
    public Match<Sub> queueGroupsCached() {
        return cached.match(QUEUE_SUBJECT);
    }

    /**
     * Insert then remove a literal subscription on a fresh subject (creates and prunes a trie leaf),
     * with the cache enabled and warm ({@value #HOT} results).
     */
    @Benchmark
    public void churnLiteral(Blackhole bh) {
        int i = nextIndex();
        cached.insert(churnLiteral[i], null, churnSubs[i]);
        bh.consume(cached.remove(churnLiteral[i], null, churnSubs[i]));
    }

    /**
     * Insert then remove an {@code orders.*.<id>} subscription with the cache enabled and warm: each
     * write also scans the cached results it might affect.
     */
    @Benchmark
    public void churnWildcard(Blackhole bh) {
        int i = nextIndex();
        cached.insert(churnWildcard[i], null, churnSubs[i]);
        bh.consume(cached.remove(churnWildcard[i], null, churnSubs[i]));
    }

    /** A subscription; identity equality, as a connection's subscription object would have. */
    public static final class Sub {
        final int id;

        Sub(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "sub" + id;
        }
    }
}
