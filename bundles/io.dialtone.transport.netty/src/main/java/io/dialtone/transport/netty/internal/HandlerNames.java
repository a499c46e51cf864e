package io.dialtone.transport.netty.internal;

/** Names of the pipeline handlers this bundle installs. */
final class HandlerNames {

    /** Counts the listener's open connections. */
    static final String CONNECTION_COUNTER = "dialtone.connections";

    private HandlerNames() {
    }
}
