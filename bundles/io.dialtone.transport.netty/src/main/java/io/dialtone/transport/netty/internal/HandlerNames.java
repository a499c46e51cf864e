package io.dialtone.transport.netty.internal;

/** Names of the pipeline handlers this bundle installs. */
final class HandlerNames {

    /** Counts the listener's open connections. */
    static final String CONNECTION_COUNTER = "dialtone.connections";
    /** Netty's SslHandler. */
    static final String TLS = "dialtone.tls";
    /** Starts TLS after the plain-text INFO (nats-server 2.9) or passes handshake timeouts on. */
    static final String TLS_START = "dialtone.tls.start";
    /** HTTP/1.1 for the WebSocket upgrade. */
    static final String HTTP_CODEC = "dialtone.http";
    /** Collects the upgrade request. */
    static final String HTTP_AGGREGATOR = "dialtone.http.aggregator";
    /** same_origin / allowed_origins. */
    static final String WS_ORIGIN = "dialtone.ws.origin";
    /** permessage-deflate. */
    static final String WS_COMPRESSION = "dialtone.ws.compression";
    /** Netty's WebSocket upgrade, framing, ping and close handling. */
    static final String WS_PROTOCOL = "dialtone.ws.protocol";
    /** NATS over WebSocket frames: frames in, byte stream to the session; byte stream out, binary frames. */
    static final String WS_FRAMES = "dialtone.ws.frames";

    private HandlerNames() {
    }
}
