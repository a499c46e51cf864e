package io.dialtone.config.internal;

import io.dialtone.protocol.HostPort;
import io.dialtone.config.internal.NatsConfig.Problem;
import io.dialtone.config.parse.ConfMap;
import io.dialtone.config.parse.Durations;
import io.dialtone.config.parse.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The listener blocks of a nats-server configuration file: the top-level {@code tls {}} (the client listener's TLS,
 * properties {@code tls.*} of PID {@value NatsConfig#CLIENT_PID}) and {@code websocket {}} (PID
 * {@value NatsConfig#WEBSOCKET_PID}), checked with nats-server's messages, and the listen-address parsing the cluster
 * block shares. Keys nats-server knows that Dialtone does not implement yet are refused as not supported, never
 * dropped.
 */
final class ListenerConfig {

    /** tls {} keys nats-server 2.9 knows that Dialtone does not implement yet. */
    private static final Set<String> TLS_NOT_YET = Set.of("insecure", "cipher_suites", "curve_preferences",
            "pinned_certs", "connection_rate_limit", "verify_cert_and_check_known_urls");
    /** websocket {} keys nats-server 2.9 knows that Dialtone does not implement yet. */
    private static final Set<String> WS_NOT_YET = Set.of("advertise", "authorization", "authentication",
            "jwt_cookie", "no_auth_user");

    private final List<Problem> problems;

    ListenerConfig(List<Problem> problems) {
        this.problems = problems;
    }

    /** A {@code tls {}} block as {@code tls.*} properties, or {@code null} when it is unusable. */
    Map<String, Object> tls(Position at, String key, Object value) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, "field \"" + key + "\" needs a block"));
            return null;
        }
        ConfMap block = (ConfMap) value;
        Map<String, Object> props = new LinkedHashMap<>();
        int before = problems.size();
        for (Map.Entry<String, Object> e : block.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            Position p = block.keyPosition(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "cert_file", "key_file", "ca_file" -> {
                    if (v instanceof String) {
                        props.put("tls." + k, absolute((String) v));
                    } else {
                        problems.add(new Problem(p, "error parsing tls config, expected '" + k + "' to be filename"));
                    }
                }
                case "verify", "verify_and_map", "handshake_first" -> {
                    if (v instanceof Boolean) {
                        props.put("tls." + k, v);
                    } else {
                        problems.add(new Problem(p, "error parsing tls config, expected '" + k + "' to be a boolean"));
                    }
                }
                case "timeout" -> timeout(p, v).ifPresent(t -> props.put("tls.timeout", t));
                default -> problems.add(new Problem(p, TLS_NOT_YET.contains(k)
                        ? "field \"" + e.getKey() + "\" in tls is not supported by Dialtone yet"
                        : "error parsing tls config, unknown field [\"" + e.getKey() + "\"]"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return files(at, props) ? props : null;
    }

    /** A file named in the configuration or on the command line, as an absolute path. */
    static String absolute(String file) {
        return Path.of(file).toAbsolutePath().normalize().toString();
    }

    /** nats-server's GenTLSConfig checks: both files named, and readable. */
    boolean files(Position at, Map<String, Object> props) {
        if (!props.containsKey("tls.key_file")) {
            problems.add(new Problem(at, "missing 'key_file' in TLS configuration"));
            return false;
        }
        if (!props.containsKey("tls.cert_file")) {
            problems.add(new Problem(at, "missing 'cert_file' in TLS configuration"));
            return false;
        }
        for (String k : new String[] {"tls.cert_file", "tls.key_file"}) {
            String f = (String) props.get(k);
            if (!Files.isReadable(Path.of(f))) {
                problems.add(new Problem(at, "error parsing X509 certificate/key pair: open " + f
                        + ": no such file or directory"));
                return false;
            }
        }
        Object ca = props.get("tls.ca_file");
        if (ca != null && !Files.isReadable(Path.of((String) ca))) {
            problems.add(new Problem(at, "open " + ca + ": no such file or directory"));
            return false;
        }
        return true;
    }

    /** The handshake timeout in seconds: a number (fractions allowed) or a Go duration string. */
    private java.util.Optional<Double> timeout(Position at, Object v) {
        if (v instanceof Long || v instanceof Double) {
            return java.util.Optional.of(((Number) v).doubleValue());
        }
        if (v instanceof String) {
            try {
                return java.util.Optional.of(Durations.parse((String) v).toNanos() / 1e9);
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(at, "error parsing tls config, 'timeout' " + ex.getMessage()));
                return java.util.Optional.empty();
            }
        }
        problems.add(new Problem(at, "error parsing tls config, 'timeout' wrong type"));
        return java.util.Optional.empty();
    }

    /** A {@code websocket {}} block as the WebSocket listener's properties, or {@code null} without a port. */
    Map<String, Object> websocket(Position at, String key, Object value) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, "Expected websocket to be a map, got " + NatsConfig.describe(value)));
            return null;
        }
        ConfMap block = (ConfMap) value;
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : block.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            Position p = block.keyPosition(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "port" -> typed(p, e.getKey(), v, Long.class).ifPresent(n -> props.put("port", n.intValue()));
                case "host", "net" -> typed(p, e.getKey(), v, String.class).ifPresent(h -> props.put("host", h));
                case "listen" -> listen(p, v, props);
                case "no_tls", "same_origin" -> typed(p, e.getKey(), v, Boolean.class).ifPresent(b -> props.put(k, b));
                case "compress", "compression" ->
                        typed(p, e.getKey(), v, Boolean.class).ifPresent(b -> props.put("compression", b));
                case "allowed_origins", "allowed_origin", "allow_origins", "allow_origin", "origins", "origin" ->
                        origins(p, v, props);
                case "handshake_timeout" -> handshake(p, v).ifPresent(ms -> props.put("handshake_timeout", ms));
                case "tls" -> {
                    Map<String, Object> tls = tls(p, e.getKey(), v);
                    if (tls != null) {
                        props.putAll(tls);
                    }
                }
                default -> problems.add(new Problem(p, WS_NOT_YET.contains(k)
                        ? "field \"" + e.getKey() + "\" in websocket is not supported by Dialtone yet"
                        : "unknown field \"" + e.getKey() + "\""));
            }
        }
        Object port = props.get("port");
        if (port == null || (Integer) port == 0) {
            return null; // as nats-server: no port, no websocket listener
        }
        if (!props.containsKey("tls.cert_file") && !Boolean.TRUE.equals(props.get("no_tls"))) {
            problems.add(new Problem(at, "websocket requires TLS configuration"));
            return null;
        }
        if ((Integer) port < 0) {
            props.put("port", 0);
        }
        return props;
    }

    /**
     * nats-server's parseListen: a port, or {@code "host:port"} as Go splits it; sets {@code host} (when given) and
     * {@code port} (Integer) in {@code props}.
     */
    void listen(Position at, Object v, Map<String, Object> props) {
        if (v instanceof Long) {
            props.put("port", ((Long) v).intValue());
            return;
        }
        if (!(v instanceof String)) {
            problems.add(new Problem(at, "expected port or host:port, got " + NatsConfig.describe(v)));
            return;
        }
        HostPort.Parts hp;
        try {
            hp = HostPort.split((String) v);
        } catch (IllegalArgumentException ex) {
            problems.add(new Problem(at, "could not parse address string \"" + v + "\""));
            return;
        }
        try {
            props.put("port", Integer.parseInt(hp.port()));
            props.put("host", hp.host());
        } catch (NumberFormatException ex) {
            problems.add(new Problem(at, "could not parse port \"" + hp.port() + "\""));
        }
    }

    private void origins(Position at, Object v, Map<String, Object> props) {
        List<String> list = new ArrayList<>();
        if (v instanceof String) {
            list.add((String) v);
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                list.add(String.valueOf(o));
            }
        } else {
            problems.add(new Problem(at, "error parsing allowed origins: unsupported type " + NatsConfig.describe(v)));
            return;
        }
        for (String o : list) {
            try {
                new java.net.URI(o);
            } catch (java.net.URISyntaxException ex) {
                problems.add(new Problem(at, "unable to parse allowed origin: " + ex.getMessage()));
                return;
            }
        }
        props.put("allowed_origins", list.toArray(String[]::new));
    }

    /** Seconds as an integer, or a Go duration; in milliseconds. */
    private java.util.Optional<Long> handshake(Position at, Object v) {
        if (v instanceof Long) {
            return java.util.Optional.of((Long) v * 1000);
        }
        if (v instanceof String) {
            try {
                return java.util.Optional.of(Durations.parse((String) v).toMillis());
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(at, ex.getMessage()));
                return java.util.Optional.empty();
            }
        }
        problems.add(new Problem(at, "error parsing handshake timeout: unsupported type " + NatsConfig.describe(v)));
        return java.util.Optional.empty();
    }

    /** The value when it is a {@code type}; otherwise a problem naming the key and what it needs. */
    <T> java.util.Optional<T> typed(Position at, String key, Object value, Class<T> type) {
        if (type.isInstance(value)) {
            return java.util.Optional.of(type.cast(value));
        }
        problems.add(new Problem(at, "field \"" + key + "\" needs a " + type.getSimpleName().toLowerCase(Locale.ROOT)
                + ", not " + NatsConfig.describe(value)));
        return java.util.Optional.empty();
    }
}
