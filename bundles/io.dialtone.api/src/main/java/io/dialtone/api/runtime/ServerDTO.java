package io.dialtone.api.runtime;

/** A snapshot of the server's identity and its effective settings, with nats-server's names where it has them. */
public class ServerDTO {
    /** The server's public id (56 characters, nkey-shaped, as nats-server's). */
    public String serverId;
    /** The server name ({@code -n}); the id when none was given. */
    public String serverName;
    /** The nats-server version whose behaviour Dialtone implements (INFO's {@code version}). */
    public String version;
    /** Dialtone's own version. */
    public String dialtoneVersion;
    /** The client protocol level (1). */
    public int proto;
    /** Largest payload accepted, bytes. */
    public int maxPayload;
    /** Longest control line accepted, bytes. */
    public int maxControlLine;
    /** Outbound bytes a client may have pending before it is a slow consumer. */
    public long maxPending;
    /** Connections accepted at most. */
    public int maxConnections;
    /** Subscriptions per connection at most; 0 is unlimited. */
    public int maxSubscriptions;
    /** Interval between server PINGs, milliseconds. */
    public long pingIntervalMillis;
    /** Unanswered PINGs before the connection is stale. */
    public int pingMax;
    /** Write deadline, milliseconds. */
    public long writeDeadlineMillis;
    /** Lame-duck mode: how long letting all clients go may take, milliseconds. */
    public long lameDuckDurationMillis;
    /** Lame-duck mode: how long to wait before the first client is closed, milliseconds. */
    public long lameDuckGraceMillis;
    /** Start time, epoch milliseconds. */
    public long startMillis;
}
