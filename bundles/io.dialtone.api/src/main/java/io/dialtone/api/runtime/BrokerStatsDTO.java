package io.dialtone.api.runtime;

/** Server-wide counters, named after nats-server's /varz fields. */
public class BrokerStatsDTO {
    /** Client connections open now. */
    public int connections;
    /** Client connections accepted since start. */
    public long totalConnections;
    /** Subscriptions in all accounts. */
    public int subscriptions;
    /** Trie nodes held by the subscription indexes; back to 0 when no subscription remains (a leak check). */
    public int subscriptionIndexNodes;
    /** Messages received from clients. */
    public long inMsgs;
    /** Messages delivered to clients. */
    public long outMsgs;
    /** Payload bytes received from clients. */
    public long inBytes;
    /** Payload bytes delivered to clients. */
    public long outBytes;
    /** Clients closed as slow consumers. */
    /** Registered routes to other servers of the cluster. */
    public int routes;
    public long slowConsumers;
    /** Whether the server is in lame-duck mode. */
    public boolean lameDuckMode;
}
