package io.dialtone.router;

/**
 * An immutable snapshot of a {@link SubjectIndex}'s counters, with the fields of nats-server's
 * {@code /subsz} ({@code SublistStats}).
 *
 * @param numSubscriptions subscriptions in the index
 * @param numCache         cached match results
 * @param numInserts       subscriptions inserted since creation
 * @param numRemoves       subscriptions removed since creation
 * @param numMatches       calls to {@link SubjectIndex#match}
 * @param cacheHitRate     fraction of matches answered from the cache, 0 when there were none
 * @param maxFanout        largest fanout (plain subscriptions plus queue groups) among cached results
 * @param avgFanout        average fanout among cached results
 */
public record Stats(int numSubscriptions, int numCache, long numInserts, long numRemoves, long numMatches,
        double cacheHitRate, int maxFanout, double avgFanout) {
}
