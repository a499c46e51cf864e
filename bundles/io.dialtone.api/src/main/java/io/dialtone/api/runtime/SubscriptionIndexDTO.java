package io.dialtone.api.runtime;

/** The subscription index's statistics, named after nats-server's /subsz. */
public class SubscriptionIndexDTO {
    public int numSubscriptions;
    public int numCache;
    public long numInserts;
    public long numRemoves;
    public long numMatches;
    public double cacheHitRate;
    public int maxFanout;
    public double avgFanout;
}
