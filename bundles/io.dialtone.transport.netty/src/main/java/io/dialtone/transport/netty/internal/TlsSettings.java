package io.dialtone.transport.netty.internal;

import java.util.Map;

/**
 * A listener's {@code tls {}} block as Config Admin properties ({@code tls.cert_file}, {@code tls.key_file},
 * {@code tls.ca_file}, {@code tls.verify}, {@code tls.verify_and_map}, {@code tls.timeout} in seconds,
 * {@code tls.handshake_first}). TLS is on when a certificate file is given.
 */
record TlsSettings(String certFile, String keyFile, String caFile, boolean verify, boolean map, long timeoutMillis,
        boolean handshakeFirst) {

    /** nats-server's default TLS handshake timeout (2 s). */
    static final double DEFAULT_TIMEOUT_SECONDS = 2.0;

    /** The keys after {@code tls.}. */
    static final String[] KEYS = {"cert_file", "key_file", "ca_file", "verify", "verify_and_map", "timeout",
        "handshake_first"};

    static TlsSettings from(Map<String, Object> props) {
        boolean map = bool(props.get("tls.verify_and_map"));
        double seconds = props.get("tls.timeout") == null ? DEFAULT_TIMEOUT_SECONDS
                : Double.parseDouble(String.valueOf(props.get("tls.timeout")));
        if (seconds <= 0) {
            seconds = DEFAULT_TIMEOUT_SECONDS;
        }
        return new TlsSettings(text(props.get("tls.cert_file")), text(props.get("tls.key_file")),
                text(props.get("tls.ca_file")), map || bool(props.get("tls.verify")), map,
                Math.round(seconds * 1000), bool(props.get("tls.handshake_first")));
    }

    boolean enabled() {
        return !certFile.isEmpty();
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o).trim();
    }

    private static boolean bool(Object o) {
        return o != null && Boolean.parseBoolean(String.valueOf(o));
    }
}
