package io.dialtone.api.runtime;

/** One subscription, with nats-server's /subsz?subs=1 names in mind. */
public class SubscriptionDTO {
    public String account;
    public String subject;
    /** Queue group, or null. */
    public String queue;
    public String sid;
    /** The owning connection's id. */
    public long cid;
    /** Messages delivered to it. */
    public long msgs;
    /** Auto-unsubscribe limit; 0 = none. */
    public long max;
}
