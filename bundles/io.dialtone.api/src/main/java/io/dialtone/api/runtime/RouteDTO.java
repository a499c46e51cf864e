package io.dialtone.api.runtime;

/** One route connection to another server of the cluster, with nats-server's /routez names in mind. */
public class RouteDTO {
    /** The route id (nats-server's rid; shares the client id sequence). */
    public long rid;
    /** The peer's server id. */
    public String remoteId;
    /** The peer's server name. */
    public String remoteName;
    /** This server dialled the peer. */
    public boolean didSolicit;
    /** The dialled URL is in this server's configured route list. */
    public boolean isConfigured;
    /** Remote address and port. */
    public String ip;
    public int port;
    /** Connected at, epoch milliseconds. */
    public long startMillis;
    /** Last read from the peer, epoch milliseconds. */
    public long lastActivityMillis;
    /** Round-trip time of the last PING, nanoseconds; 0 until measured. */
    public long rttNanos;
    /** Outbound bytes queued and not yet written. */
    public long pendingBytes;
    public long inMsgs;
    public long outMsgs;
    public long inBytes;
    public long outBytes;
    /** The subjects of the peer's interest held here (one per subscription or queue group, as /routez lists). */
    public String[] subscriptionsList;
}
