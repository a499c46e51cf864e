package io.dialtone.api.runtime;

/** One client connection, open or recently closed, with nats-server's /connz names in mind. */
public class ConnectionDTO {
    /** The client id (INFO's client_id). */
    public long cid;
    /** "Client" for client connections. */
    public String kind;
    /** "nats" for the NATS protocol over TCP (later "websocket"). */
    public String type;
    /** Remote address. */
    public String ip;
    /** Remote port. */
    public int port;
    /** Connected at, epoch milliseconds. */
    public long startMillis;
    /** Last read from the client, epoch milliseconds. */
    public long lastActivityMillis;
    /** Closed at, epoch milliseconds; 0 while open. */
    public long stopMillis;
    /** Why it was closed ("Client Closed", "Slow Consumer (Pending Bytes)", ...); null while open. */
    public String reason;
    /** Round-trip time of the last server PING, nanoseconds; 0 until measured. */
    public long rttNanos;
    /** Outbound bytes queued and not yet written. */
    public long pendingBytes;
    public long inMsgs;
    public long outMsgs;
    public long inBytes;
    public long outBytes;
    /** Number of subscriptions. */
    public int subscriptions;
    /** CONNECT's name, lang and version. */
    public String name;
    public String lang;
    public String version;
    /** The account the client is bound to. */
    public String account;
    /** The subjects subscribed (plain subject, or "subject queue"). */
    public String[] subscriptionsList;
}
