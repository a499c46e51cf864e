package io.dialtone.api.runtime;

/** A snapshot of the cluster this server is in, with nats-server's /varz {@code cluster} names in mind. */
public class ClusterDTO {
    /** The cluster name, or null when none was configured. */
    public String name;
    /** The host the route listener was configured with (/varz {@code addr}). */
    public String host;
    /** The route port bound (the real one when any free port was asked for; /varz {@code cluster_port}). */
    public int port;
    /** Seconds a dialling server has to authenticate. */
    public double authTimeoutSeconds;
    /** Seconds a TLS handshake on a route may take. */
    public double tlsTimeoutSeconds;
    /** The configured routes as {@code host:port}, in configuration order (/varz {@code urls}). */
    public String[] routeUrls;
    /**
     * The client URLs clients are told (INFO's and /varz's {@code connect_urls}): this server's first, then those
     * the routes brought; empty until a route brought some, and with {@code no_advertise}.
     */
    public String[] connectUrls;
}
