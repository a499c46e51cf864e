package io.dialtone.config.internal;

import io.dialtone.config.parse.ConfException;
import io.dialtone.config.parse.ConfMap;
import io.dialtone.config.parse.ConfParser;
import io.dialtone.config.parse.Durations;
import io.dialtone.config.parse.Position;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A nats-server configuration file read into what Dialtone does with it: the launcher's settings (listen address,
 * name, files, log level; command-line flags override them) and the Config Admin configurations of the components
 * (keyed by PID). Every key is accounted for: a key Dialtone implements is mapped, a key nats-server knows but
 * Dialtone does not implement yet is refused as not supported, anything else is nats-server's {@code unknown field}.
 *
 * <p>Used by the launcher (from its class path, for {@code -t} and to know the port before it binds) and by the
 * in-framework component that writes the configurations, so both read a file the same way.
 */
public final class NatsConfig {

    /** PID of the server's limits (io.dialtone.core's ServerComponent). */
    public static final String SERVER_PID = "io.dialtone.server";
    /** PID of token authentication (io.dialtone.auth). */
    public static final String TOKEN_PID = "io.dialtone.auth.token";
    /** Factory PID of a user with a password (io.dialtone.auth); configurations are keyed "factory~user". */
    public static final String USER_FACTORY_PID = "io.dialtone.auth.user";
    /** Factory PID of an nkey user (io.dialtone.auth); configurations are keyed "factory~public key". */
    public static final String NKEY_FACTORY_PID = "io.dialtone.auth.nkey";

    /** PID of the client listener (io.dialtone.transport.netty); the file's top-level tls {} sets its tls.* keys. */
    public static final String CLIENT_PID = "io.dialtone.transport.client";
    /** PID of the WebSocket listener (io.dialtone.transport.netty): the file's websocket {} block. */
    public static final String WEBSOCKET_PID = "io.dialtone.transport.websocket";
    /** PID of the certificate-to-user mapping (io.dialtone.auth), set when a listener has verify_and_map. */
    public static final String TLSMAP_PID = "io.dialtone.auth.tlsmap";

    /** One thing wrong with the file, with its position. */
    public record Problem(Position position, String message) {
        @Override
        public String toString() {
            return position + ": " + message;
        }
    }

    private static final Set<String> SERVER_INTS = Set.of("max_payload", "max_control_line", "max_connections",
            "max_subscriptions", "ping_max");
    private static final Set<String> SERVER_DURATIONS = Set.of("ping_interval", "write_deadline",
            "lame_duck_duration", "lame_duck_grace_period");
    private static final Map<String, String> ALIASES = Map.of("max_conn", "max_connections", "max_subs",
            "max_subscriptions", "net", "host", "monitor_port", "http_port", "logfile", "log_file", "pidfile",
            "pid_file");
    /** Keys nats-server 2.9 knows that Dialtone does not implement yet. */
    private static final Set<String> NOT_YET = Set.of("client_advertise", "trace_verbose", "mappings", "maps",
            "disable_sublist_cache", "no_sublist_cache", "accounts", "https", "https_port",
            "http_base_path", "cluster", "gateway", "leaf", "leafnodes", "store_dir", "storedir", "jetstream",
            "logfile_size_limit", "log_size_limit", "syslog", "remote_syslog", "prof_port", "max_traced_msg_len",
            "max_sub_tokens", "max_subscription_tokens", "ocsp", "operator", "operators", "roots", "root",
            "root_operators", "root_operator", "resolver", "account_resolver", "accounts_resolver", "resolver_tls",
            "resolver_preload", "resolver_pinned_accounts", "no_auth_user", "system_account", "system",
            "no_system_account", "no_system", "no_sys_acc", "no_header_support", "trusted", "trusted_keys",
            "connect_error_reports", "reconnect_error_reports", "mqtt", "server_tags",
            "default_js_domain");

    private final Path file;
    private final Map<String, Object> launcher = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private NatsConfig(Path file) {
        this.file = file;
    }

    /** No file: only what flags add (see {@link #authenticateWith}). */
    public static NatsConfig empty() {
        return new NatsConfig(null);
    }

    /**
     * Command-line authentication ({@code --user/--pass}, {@code --auth}) replaces the file's, as nats-server's
     * flags override its file.
     */
    public void authenticateWith(String user, String password, String token) {
        if (user != null && !user.isEmpty()) {
            configurations.keySet().removeIf(pid -> pid.startsWith(USER_FACTORY_PID + "~"));
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("user", user);
            u.put("password", password == null ? "" : password);
            configurations.put(USER_FACTORY_PID + "~" + user, u);
        }
        if (token != null && !token.isEmpty()) {
            configurations.put(TOKEN_PID, new LinkedHashMap<>(Map.of("token", token)));
        }
    }

    /** Reads and maps a file; a syntax error is thrown, every other problem is collected in {@link #problems()}. */
    public static NatsConfig load(Path file) throws ConfException {
        NatsConfig c = new NatsConfig(file);
        c.map(ConfParser.parse(file));
        c.mapCertificates();
        return c;
    }

    /**
     * The {@code --tls*} flags, as nats-server's overrideTLS: any of them replaces the file's tls block with one made
     * of the flags alone ({@code --tls=false} alone switches TLS off). Returns nats-server's error, or null.
     */
    public String tlsWith(Boolean tls, String cert, String key, Boolean verify, String ca) {
        if (Boolean.FALSE.equals(tls) && cert == null && key == null && verify == null && ca == null) {
            configurations.remove(CLIENT_PID);
            return null;
        }
        if (tls == null && cert == null && key == null && verify == null && ca == null) {
            return null;
        }
        if (cert == null || cert.isEmpty()) {
            return "TLS Server certificate must be present and valid";
        }
        if (key == null || key.isEmpty()) {
            return "TLS Server private key must be present and valid";
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("tls.cert_file", Path.of(cert).toAbsolutePath().normalize().toString());
        t.put("tls.key_file", Path.of(key).toAbsolutePath().normalize().toString());
        if (ca != null && !ca.isEmpty()) {
            t.put("tls.ca_file", Path.of(ca).toAbsolutePath().normalize().toString());
        }
        t.put("tls.verify", Boolean.TRUE.equals(verify));
        configurations.put(CLIENT_PID, t);
        mapCertificates();
        return null;
    }

    /** The client listener's TLS properties ({@code tls.*}), empty when TLS is off. */
    public Map<String, Object> clientTls() {
        return configurations.getOrDefault(CLIENT_PID, Map.of());
    }

    /** With verify_and_map on a listener, the users of the authorization block are the names certificates may map to. */
    private void mapCertificates() {
        boolean map = false;
        for (String pid : new String[] {CLIENT_PID, WEBSOCKET_PID}) {
            map |= Boolean.TRUE.equals(configurations.getOrDefault(pid, Map.of()).get("tls.verify_and_map"));
        }
        List<String> users = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : configurations.entrySet()) {
            if (e.getKey().startsWith(USER_FACTORY_PID + "~")) {
                users.add(String.valueOf(e.getValue().get("user")));
            }
        }
        if (map && !users.isEmpty()) {
            configurations.put(TLSMAP_PID, new LinkedHashMap<>(Map.of("users", users.toArray(String[]::new))));
        } else {
            configurations.remove(TLSMAP_PID);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The launcher's settings, nats-server's names: port (Long), host, server_name, http_port (Long), debug, trace,
     * logtime (Boolean), log_file, pid_file, ports_file_dir (String).
     */
    public Map<String, Object> launcher() {
        return launcher;
    }

    /** Configuration properties by PID. */
    public Map<String, Map<String, Object>> configurations() {
        return configurations;
    }

    /** What is wrong with the file; empty when it is usable. */
    public List<Problem> problems() {
        return problems;
    }

    private void map(ConfMap root) {
        for (Map.Entry<String, Object> e : root.entrySet()) {
            String given = e.getKey();
            if (root.isUsedAsVariable(given)) {
                continue;
            }
            String key = ALIASES.getOrDefault(given.toLowerCase(java.util.Locale.ROOT), given.toLowerCase(java.util.Locale.ROOT));
            Object value = e.getValue();
            Position at = root.keyPosition(given);
            switch (key) {
                case "port":
                case "http_port":
                    number(at, given, value).ifPresent(v -> launcher.put(key, v));
                    break;
                case "host":
                case "server_name":
                case "log_file":
                case "pid_file":
                case "ports_file_dir":
                    text(at, given, value).ifPresent(v -> launcher.put(key, v));
                    break;
                case "listen":
                    listen(at, given, value, "host", "port");
                    break;
                case "http":
                    listen(at, given, value, "http_host", "http_port");
                    break;
                case "debug":
                case "trace":
                case "logtime":
                    bool(at, given, value).ifPresent(v -> launcher.put(key, v));
                    break;
                case "authorization":
                    authorization(at, given, value);
                    break;
                case "tls":
                    java.util.Optional.ofNullable(new ListenerConfig(problems).tls(at, given, value))
                            .ifPresent(t -> configurations.put(CLIENT_PID, t));
                    break;
                case "websocket":
                case "ws":
                    java.util.Optional.ofNullable(new ListenerConfig(problems).websocket(at, given, value))
                            .ifPresent(w -> configurations.put(WEBSOCKET_PID, w));
                    break;
                case "max_pending":
                    number(at, given, value).ifPresent(v -> server().put(key, v));
                    break;
                default:
                    if (SERVER_INTS.contains(key)) {
                        number(at, given, value).ifPresent(v -> server().put(key, (int) Math.min(Integer.MAX_VALUE, v)));
                    } else if (SERVER_DURATIONS.contains(key)) {
                        duration(at, given, value).ifPresent(v -> server().put(key, v));
                    } else if (NOT_YET.contains(key)) {
                        problems.add(new Problem(at, "field \"" + given + "\" is not supported by Dialtone yet"));
                    } else {
                        problems.add(new Problem(at, "unknown field \"" + given + "\""));
                    }
            }
        }
    }

    /** {@code authorization { token | user, password | users: [{user, password} | {nkey}] }}; the rest is not supported yet. */
    private void authorization(Position at, String key, Object value) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, "field \"" + key + "\" needs a block"));
            return;
        }
        String[] credentials = credentials((ConfMap) value, (k, p, v) -> {
            if (k.equalsIgnoreCase("token")) {
                text(p, k, v).ifPresent(t -> configurations.put(TOKEN_PID, new LinkedHashMap<>(Map.of("token", t))));
            } else if (k.equalsIgnoreCase("users")) {
                users(p, k, v);
            } else {
                problems.add(new Problem(p, "field \"" + k + "\" in authorization is not supported by Dialtone yet"));
            }
        });
        if (credentials[0] != null) {
            putUser(at, credentials[0], credentials[1]);
        }
    }

    private void users(Position at, String key, Object value) {
        if (!(value instanceof List)) {
            problems.add(new Problem(at, "field \"" + key + "\" needs an array of users"));
            return;
        }
        for (Object o : (List<?>) value) {
            if (!(o instanceof ConfMap)) {
                problems.add(new Problem(at, "each of \"" + key + "\" needs to be a block with user and password"));
                continue;
            }
            String[] nkey = new String[1];
            String[] credentials = credentials((ConfMap) o, (k, p, v) -> {
                if (k.equalsIgnoreCase("nkey")) {
                    nkey[0] = text(p, k, v).orElse(null);
                } else {
                    problems.add(new Problem(p, "field \"" + k + "\" of a user is not supported by Dialtone yet"));
                }
            });
            Position p = ((ConfMap) o).position();
            if (nkey[0] != null && !nkey[0].isEmpty()) {
                putNkeyUser(p, nkey[0], credentials[0] != null || credentials[1] != null);
            } else {
                putUser(p, credentials[0], credentials[1]);
            }
        }
    }

    /** An nkey user, checked as nats-server's parseUsers does (a user public key, no user name or password). */
    private void putNkeyUser(Position at, String nkey, boolean hasUserOrPassword) {
        if (!nkey.matches("U[A-Z2-7]{55}")) {
            problems.add(new Problem(at, "Not a valid public nkey for a user"));
            return;
        }
        if (hasUserOrPassword) {
            problems.add(new Problem(at, "Nkey users do not take usernames or passwords"));
            return;
        }
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("nkey", nkey);
        configurations.put(NKEY_FACTORY_PID + "~" + nkey, u);
    }

    /** A field of a block that is not user or password. */
    private interface OtherField {
        void accept(String key, Position position, Object value);
    }

    /** {user, password} of a block (nats-server also takes username and pass); other fields go to {@code other}. */
    private String[] credentials(ConfMap block, OtherField other) {
        String[] up = new String[2];
        for (Map.Entry<String, Object> e : block.entrySet()) {
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            Position p = block.keyPosition(e.getKey());
            if (k.equals("user") || k.equals("username")) {
                up[0] = text(p, e.getKey(), e.getValue()).orElse(null);
            } else if (k.equals("password") || k.equals("pass")) {
                up[1] = text(p, e.getKey(), e.getValue()).orElse(null);
            } else {
                other.accept(e.getKey(), p, e.getValue());
            }
        }
        return up;
    }

    private void putUser(Position at, String user, String password) {
        if (user == null || user.isEmpty()) {
            problems.add(new Problem(at, "a user needs a name"));
            return;
        }
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("user", user);
        u.put("password", password == null ? "" : password);
        configurations.put(USER_FACTORY_PID + "~" + user, u);
    }

    private Map<String, Object> server() {
        return configurations.computeIfAbsent(SERVER_PID, k -> new LinkedHashMap<>());
    }

    private void listen(Position at, String key, Object value, String hostKey, String portKey) {
        if (value instanceof Long) {
            launcher.put(portKey, value);
            return;
        }
        String s = String.valueOf(value);
        int colon = s.lastIndexOf(':');
        try {
            if (colon < 0) {
                launcher.put(portKey, Long.parseLong(s));
            } else {
                launcher.put(hostKey, s.substring(0, colon));
                launcher.put(portKey, Long.parseLong(s.substring(colon + 1)));
            }
        } catch (NumberFormatException ex) {
            problems.add(new Problem(at, "could not parse \"" + key + "\" address " + s));
        }
    }

    private java.util.Optional<Long> number(Position at, String key, Object value) {
        return typed(at, key, value, Long.class, "an integer");
    }

    /** The value when it is a {@code type}; otherwise a problem naming what was expected. */
    private <T> java.util.Optional<T> typed(Position at, String key, Object value, Class<T> type, String expected) {
        if (type.isInstance(value)) {
            return java.util.Optional.of(type.cast(value));
        }
        problems.add(new Problem(at, "field \"" + key + "\" needs " + expected + ", not " + describe(value)));
        return java.util.Optional.empty();
    }

    private java.util.Optional<String> text(Position at, String key, Object value) {
        if (value instanceof String) {
            return java.util.Optional.of((String) value);
        }
        if (value instanceof Long) {
            return java.util.Optional.of(value.toString());
        }
        return typed(at, key, value, String.class, "a string");
    }

    private java.util.Optional<Boolean> bool(Position at, String key, Object value) {
        return typed(at, key, value, Boolean.class, "a boolean");
    }

    /** A Go duration string; a bare integer is refused as nats-server -t refuses it. */
    private java.util.Optional<String> duration(Position at, String key, Object value) {
        if (value instanceof Long) {
            problems.add(new Problem(at, "invalid use of field \"" + key + "\": " + key
                    + " should be converted to a duration"));
            return java.util.Optional.empty();
        }
        if (value instanceof String) {
            try {
                Durations.parse((String) value);
                return java.util.Optional.of((String) value);
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(at, "error parsing " + key + ": " + ex.getMessage()));
                return java.util.Optional.empty();
            }
        }
        problems.add(new Problem(at, "field \"" + key + "\" needs a duration, not " + describe(value)));
        return java.util.Optional.empty();
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " "
                + value;
    }
}
