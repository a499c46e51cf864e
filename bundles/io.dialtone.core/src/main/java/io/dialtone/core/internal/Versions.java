package io.dialtone.core.internal;

/** Version facts the kernel reports. */
final class Versions {

    /**
     * The nats-server version whose client-visible behaviour Dialtone implements; raise it only when the features
     * behind it work, since clients gate features on it. The launcher passes the build's value; this is the fallback.
     */
    static final String NATS_COMPATIBLE = "2.9.10";

    /** INFO's {@code go} field names the runtime; clients only display it. */
    static final String RUNTIME = "java" + Runtime.version().feature();

    private Versions() {
    }
}
