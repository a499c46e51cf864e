package io.dialtone.config.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.config.file.ServerConfiguration;
import io.dialtone.config.parse.ConfException;
import io.dialtone.config.parse.ConfMap;
import io.dialtone.config.parse.ConfParser;
import io.dialtone.config.parse.Durations;
import io.dialtone.config.parse.Position;
import java.nio.file.Path;
import java.time.Duration;
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
public final class NatsConfig implements ServerConfiguration {

    /** PID of the server's limits (io.dialtone.core's ServerComponent). */
    public static final String SERVER_PID = ConfigurationPids.SERVER;
    /** PID of token authentication (io.dialtone.auth). */
    public static final String TOKEN_PID = ConfigurationPids.AUTH_TOKEN;
    /** Factory PID of a user with a password (io.dialtone.auth); configurations are keyed "factory~user". */
    public static final String USER_FACTORY_PID = ConfigurationPids.AUTH_USER_FACTORY;
    /** Factory PID of an nkey user (io.dialtone.auth); configurations are keyed "factory~public key". */
    public static final String NKEY_FACTORY_PID = ConfigurationPids.AUTH_NKEY_FACTORY;
    /**
     * Factory PID of an account's import (io.dialtone.core); configurations are keyed "factory~account.n". Properties:
     * account, from_account, kind (stream or service), subject (in from_account), to (in account), response_type.
     */
    public static final String IMPORT_FACTORY_PID = ConfigurationPids.ACCOUNT_IMPORT_FACTORY;
    /**
     * Factory PID of a subject mapping (io.dialtone.core); configurations are keyed "factory~account.n" ("$G" for the
     * top level). Properties: account, source, destinations, weights, order.
     */
    public static final String MAPPING_FACTORY_PID = ConfigurationPids.ACCOUNT_MAPPING_FACTORY;

    /** PID of the client listener (io.dialtone.transport.netty); the file's top-level tls {} sets its tls.* keys. */
    public static final String CLIENT_PID = ConfigurationPids.TRANSPORT_CLIENT;
    /** PID of the WebSocket listener (io.dialtone.transport.netty): the file's websocket {} block. */
    public static final String WEBSOCKET_PID = ConfigurationPids.TRANSPORT_WEBSOCKET;
    /** PID of the certificate-to-user mapping (io.dialtone.auth), set when a listener has verify_and_map. */
    public static final String TLSMAP_PID = ConfigurationPids.AUTH_TLSMAP;
    /**
     * PID of the cluster (the route engine): the file's cluster {} block with the cluster flags over it; it exists
     * only while a cluster runs (a port is given). Properties: name (String, when set), host (String), port
     * (Integer, -1 = any free port), routes (String[], the route URLs as written), no_advertise (Boolean),
     * connect_retries (Integer), advertise (String, when set), user and password (String, when the cluster's
     * authorization names a user), auth_timeout (Double, seconds).
     */
    public static final String CLUSTER_PID = ConfigurationPids.CLUSTER;
    /**
     * The cluster flags by the launcher's names: {@code routes}, {@code cluster} (also {@code --cluster_listen}),
     * {@code cluster_name}, {@code no_advertise}, {@code cluster_advertise}, {@code connect_retries}.
     */
    public static final List<String> CLUSTER_FLAGS = ServerConfiguration.CLUSTER_FLAGS;

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
    private static final long DEFAULT_MAX_PAYLOAD = 1L << 20;
    private static final long DEFAULT_MAX_PENDING = 64L << 20;
    private static final Duration MIN_LAME_DUCK = Duration.ofSeconds(30);
    private static final Map<String, String> ALIASES = Map.of("max_conn", "max_connections", "max_subs",
            "max_subscriptions", "net", "host", "monitor_port", "http_port", "logfile", "log_file", "pidfile",
            "pid_file");
    /** Keys nats-server 2.9 knows that Dialtone does not implement yet. */
    private static final Set<String> NOT_YET = Set.of("client_advertise", "trace_verbose",
            "disable_sublist_cache", "no_sublist_cache", "https", "https_port",
            "http_base_path", "gateway", "leaf", "leafnodes", "store_dir", "storedir", "jetstream",
            "logfile_size_limit", "log_size_limit", "syslog", "remote_syslog", "prof_port", "max_traced_msg_len",
            "max_sub_tokens", "max_subscription_tokens", "ocsp", "operator", "operators", "roots", "root",
            "root_operators", "root_operator", "resolver", "account_resolver", "accounts_resolver", "resolver_tls",
            "resolver_preload", "resolver_pinned_accounts", "system_account", "system",
            "no_system_account", "no_system", "no_sys_acc", "no_header_support", "trusted", "trusted_keys",
            "connect_error_reports", "reconnect_error_reports", "mqtt", "server_tags",
            "default_js_domain");

    private final Path file;
    private final Map<String, Object> launcher = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Where max_payload and max_pending were set, for the problem naming both. */
    private final Map<String, Position> limitAt = new java.util.HashMap<>();
    private final ClusterConfig cluster = new ClusterConfig(problems);
    /** Accounts defined in the file, with their exports, for checking imports once all are read. */
    private final Map<String, AccountBlock> accounts = new LinkedHashMap<>();
    private String noAuthUser;
    private Position noAuthUserAt;

    /** One export: a stream or service subject, who may import it, and a service's response type. */
    private record Export(String kind, String subject, List<String> accounts, String responseType) {
    }

    /** One import, before it is checked against the exporting account's exports. */
    private record Import(Position at, String kind, String fromAccount, String subject, String to) {
    }

    private record AccountBlock(String name, Position at, List<Export> exports, List<Import> imports) {
    }

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
        mapCertificates(); // verify_and_map looks up the users just replaced
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
    @Override
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
        t.put("tls.cert_file", ListenerConfig.absolute(cert));
        t.put("tls.key_file", ListenerConfig.absolute(key));
        if (ca != null && !ca.isEmpty()) {
            t.put("tls.ca_file", ListenerConfig.absolute(ca));
        }
        t.put("tls.verify", Boolean.TRUE.equals(verify));
        List<Problem> unreadable = new ArrayList<>();
        if (!new ListenerConfig(unreadable).files(new Position("command line", 0, 0), t)) {
            return unreadable.get(0).message(); // as the file's tls block: the listener could not start with them
        }
        configurations.put(CLIENT_PID, t);
        mapCertificates();
        return null;
    }

    /**
     * The cluster flags over the file's cluster block, as nats-server merges them ({@code flags}: the given ones,
     * named as in {@link #CLUSTER_FLAGS}). Returns nats-server's error, or null.
     */
    @Override
    public String clusterWith(Map<String, String> flags) {
        String error = cluster.withFlags(flags);
        publishCluster();
        return error;
    }

    /**
     * This re-read configuration against the running one, as nats-server reloads a cluster: its host and port
     * cannot change (so clustering cannot be switched on or off), and a name the file no longer gives stays.
     * Returns nats-server's refusal, or null.
     */
    public String reloadCluster(NatsConfig running) {
        if (!running.cluster.host().equals(cluster.host())) {
            return "config reload not supported for cluster host: old=" + running.cluster.host() + ", new="
                    + cluster.host();
        }
        if (running.cluster.port() != cluster.port()) {
            return "config reload not supported for cluster port: old=" + running.cluster.port() + ", new="
                    + cluster.port();
        }
        cluster.keepName(running.cluster);
        publishCluster();
        return null;
    }

    private void publishCluster() {
        Map<String, Object> props = cluster.properties();
        if (props == null) {
            configurations.remove(CLUSTER_PID);
        } else {
            configurations.put(CLUSTER_PID, props);
        }
    }

    /** The client listener's TLS properties ({@code tls.*}), empty when TLS is off. */
    @Override
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
    @Override
    public Map<String, Object> launcher() {
        return launcher;
    }

    /** Configuration properties by PID. */
    public Map<String, Map<String, Object>> configurations() {
        return configurations;
    }

    /** What is wrong with the file; empty when it is usable. */
    @Override
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
                case "accounts":
                    accounts(at, given, value);
                    break;
                case "mappings":
                case "maps":
                    mappings(at, given, value, "$G");
                    break;
                case "no_auth_user":
                    noAuthUser = text(at, given, value).orElse(null);
                    noAuthUserAt = at;
                    break;
                case "tls":
                    java.util.Optional.ofNullable(new ListenerConfig(problems).tls(at, given, value))
                            .ifPresent(t -> configurations.put(CLIENT_PID, t));
                    break;
                case "cluster":
                    cluster.block(at, value);
                    break;
                case "websocket":
                case "ws":
                    java.util.Optional.ofNullable(new ListenerConfig(problems).websocket(at, given, value))
                            .ifPresent(w -> configurations.put(WEBSOCKET_PID, w));
                    break;
                case "max_pending":
                    number(at, given, value).ifPresent(v -> server().put(key, v));
                    limitAt.put(key, at);
                    break;
                case "lame_duck_duration":
                    duration(at, given, value).ifPresent(v -> {
                        Duration d = Durations.parse(v);
                        if (d.compareTo(MIN_LAME_DUCK) < 0) {
                            problems.add(new Problem(at, "invalid lame_duck_duration of " + Durations.format(d)
                                    + ", minimum is 30 seconds"));
                        } else {
                            server().put(key, v);
                        }
                    });
                    break;
                default:
                    if (key.equals("max_payload")) {
                        number(at, given, value).ifPresent(v -> {
                            if (v > Integer.MAX_VALUE) {
                                problems.add(new Problem(at, "max_payload value is too big"));
                            } else {
                                server().put(key, v.intValue());
                                limitAt.put(key, at);
                            }
                        });
                    } else if (SERVER_INTS.contains(key)) {
                        number(at, given, value).ifPresent(v -> server().put(key, (int) Math.min(Integer.MAX_VALUE, v)));
                    } else if (SERVER_DURATIONS.contains(key)) {
                        duration(at, given, value).ifPresent(v -> {
                            Duration d = Durations.parse(v);
                            if (d.isNegative() && key.equals("lame_duck_grace_period")) {
                                problems.add(new Problem(at, "invalid lame_duck_grace_period, needs to be positive"));
                            } else if (d.isNegative()) {
                                // nats-server takes it and then PINGs or times out at once: refused here instead
                                problems.add(new Problem(at, "invalid " + key + " of " + Durations.format(d)
                                        + ": it cannot be negative"));
                            } else {
                                server().put(key, v);
                            }
                        });
                    } else if (NOT_YET.contains(key)) {
                        problems.add(new Problem(at, "field \"" + given + "\" is not supported by Dialtone yet"));
                    } else {
                        problems.add(new Problem(at, "unknown field \"" + given + "\""));
                    }
            }
        }
        imports();
        noAuthUser();
        publishCluster();
        payloadWithinPending();
    }

    /** nats-server refuses to start when a message could never be queued for a subscriber. */
    private void payloadWithinPending() {
        Map<String, Object> server = configurations.getOrDefault(SERVER_PID, Map.of());
        long payload = ((Number) server.getOrDefault("max_payload", DEFAULT_MAX_PAYLOAD)).longValue();
        long pending = ((Number) server.getOrDefault("max_pending", DEFAULT_MAX_PENDING)).longValue();
        if (payload > pending) {
            Position at = limitAt.getOrDefault("max_pending", limitAt.get("max_payload"));
            problems.add(new Problem(at, "max_payload (" + payload + ") cannot be higher than max_pending (" + pending
                    + ")"));
        }
    }

    /** no_auth_user names a configured user (or nkey), which then also admits clients without credentials. */
    private void noAuthUser() {
        if (noAuthUser == null || noAuthUser.isEmpty()) {
            return;
        }
        Map<String, Object> user = configurations.get(USER_FACTORY_PID + "~" + noAuthUser);
        if (user == null) {
            user = configurations.get(NKEY_FACTORY_PID + "~" + noAuthUser);
        }
        if (user == null) {
            problems.add(new Problem(noAuthUserAt, "no_auth_user: \"" + noAuthUser
                    + "\" not present as user in authorization block or account configuration"));
            return;
        }
        user.put("no_auth_user", true);
    }

    /** {@code authorization { token | user, password | users: [{user, password} | {nkey}] }}; the rest is not supported yet. */
    private void authorization(Position at, String key, Object value) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, "field \"" + key + "\" needs a block"));
            return;
        }
        Map<String, Object> defaults = defaultPermissions((ConfMap) value);
        boolean[] tokenAndUsers = new boolean[2];
        String[] credentials = credentials((ConfMap) value, (k, p, v) -> {
            String lk = k.toLowerCase(java.util.Locale.ROOT);
            tokenAndUsers[0] |= lk.equals("token");
            tokenAndUsers[1] |= lk.equals("users");
            if (lk.equals("timeout")) {
                number(p, k, v).ifPresent(t -> configurations.computeIfAbsent(SERVER_PID, x -> new LinkedHashMap<>())
                        .put("auth_timeout", t));
            } else if (lk.equals("token")) {
                text(p, k, v).ifPresent(t -> configurations.put(TOKEN_PID, new LinkedHashMap<>(Map.of("token", t))));
            } else if (lk.equals("users")) {
                users(p, k, v, null, defaults);
            } else if (lk.equals("default_permissions") || lk.equals("default_permission")) {
                // read first, see defaultPermissions
            } else if (lk.equals("permissions") || lk.equals("permission")) {
                // nats-server reads but does not apply a single user's permissions here
                PermissionsBlock.parse(v, p, problems);
            } else {
                problems.add(new Problem(p, "field \"" + k + "\" in authorization is not supported by Dialtone yet"));
            }
        });
        if (tokenAndUsers[0] && tokenAndUsers[1]) {
            problems.add(new Problem(at, "Can not have a token and a users array"));
        }
        if (credentials[0] != null) {
            putUser(at, credentials[0], credentials[1], Map.of());
        }
    }

    /** A block's {@code default_permissions}, as user configuration properties (empty when none). */
    private Map<String, Object> defaultPermissions(ConfMap block) {
        for (Map.Entry<String, Object> e : block.entrySet()) {
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (k.equals("default_permissions") || k.equals("default_permission")) {
                return PermissionsBlock.parse(e.getValue(), block.keyPosition(e.getKey()), problems);
            }
        }
        return Map.of();
    }

    /**
     * {@code accounts { NAME: { users, exports, imports, default_permissions } }}: each user is admitted into its
     * account; imports are checked once every account is read.
     */
    private void accounts(Position at, String key, Object value) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, "Expected map entries for accounts"));
            return;
        }
        ConfMap all = (ConfMap) value;
        for (Map.Entry<String, Object> a : all.entrySet()) {
            String name = a.getKey();
            Position p = all.keyPosition(name);
            if (name.equals("$G")) {
                problems.add(new Problem(p, "\"$G\" is a Reserved Account"));
                continue;
            }
            AccountBlock account = new AccountBlock(name, p, new ArrayList<>(), new ArrayList<>());
            accounts.put(name, account);
            if (!(a.getValue() instanceof ConfMap)) {
                continue; // nats-server takes a bare account name too
            }
            ConfMap block = (ConfMap) a.getValue();
            Map<String, Object> defaults = defaultPermissions(block);
            for (Map.Entry<String, Object> e : block.entrySet()) {
                Position kp = block.keyPosition(e.getKey());
                switch (e.getKey().toLowerCase(java.util.Locale.ROOT)) {
                    case "users":
                        users(kp, e.getKey(), e.getValue(), name, defaults);
                        break;
                    case "exports":
                        eachBlock(kp, e.getKey(), e.getValue(), b -> export(b, account));
                        break;
                    case "imports":
                        eachBlock(kp, e.getKey(), e.getValue(), b -> importOf(b, account));
                        break;
                    case "default_permissions":
                    case "default_permission":
                        break;
                    case "mappings":
                    case "maps":
                        mappings(kp, e.getKey(), e.getValue(), name);
                        break;
                    case "nkey":
                    case "jetstream":
                    case "limits":
                        problems.add(new Problem(kp, "field \"" + e.getKey()
                                + "\" of an account is not supported by Dialtone yet"));
                        break;
                    default:
                        problems.add(new Problem(kp, "unknown field \"" + e.getKey() + "\""));
                }
            }
        }
    }

    /**
     * {@code mappings { source: destination | [{destination, weight}...] }}: one configuration per source, in the
     * file's order; weights are percentages ({@code 50} or {@code "50%"}) adding up to at most 100.
     */
    private void mappings(Position at, String key, Object value, String account) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, "Expected an entry for the mapping destination, got " + describe(value)));
            return;
        }
        ConfMap block = (ConfMap) value;
        int n = 0;
        for (Map.Entry<String, Object> e : block.entrySet()) {
            Position p = block.keyPosition(e.getKey());
            List<String> destinations = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            if (e.getValue() instanceof String) {
                destinations.add((String) e.getValue());
                weights.add(100);
            } else if (e.getValue() instanceof List) {
                for (Object o : (List<?>) e.getValue()) {
                    if (!(o instanceof ConfMap)) {
                        problems.add(new Problem(p, "Expected a map entry for the weighted mapping destination"));
                        continue;
                    }
                    weightedDestination((ConfMap) o, destinations, weights);
                }
            } else {
                problems.add(new Problem(p, "Unknown type " + describe(e.getValue()) + " for mapping destination"));
                continue;
            }
            if (weights.stream().mapToInt(Integer::intValue).sum() > 100) {
                problems.add(new Problem(p, "Error adding mapping for \"" + e.getKey()
                        + "\": total weight of destinations exceeds 100%"));
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("account", account);
            c.put("source", e.getKey());
            c.put("destinations", destinations.toArray(String[]::new));
            c.put("weights", weights.stream().mapToInt(Integer::intValue).toArray());
            c.put("order", n);
            configurations.put(MAPPING_FACTORY_PID + "~" + account + "." + n++, c);
        }
    }

    private void weightedDestination(ConfMap d, List<String> destinations, List<Integer> weights) {
        String destination = null;
        int weight = 100;
        for (Map.Entry<String, Object> f : d.entrySet()) {
            Position p = d.keyPosition(f.getKey());
            switch (f.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "destination":
                    destination = text(p, f.getKey(), f.getValue()).orElse(null);
                    break;
                case "weight":
                    String w = String.valueOf(f.getValue()).trim();
                    try {
                        weight = Integer.parseInt(w.endsWith("%") ? w.substring(0, w.length() - 1) : w);
                    } catch (NumberFormatException ex) {
                        problems.add(new Problem(p, "Invalid weight \"" + w + "\" for mapping destination"));
                    }
                    if (weight < 0 || weight > 100) {
                        problems.add(new Problem(p, "Invalid weight " + weight + " for mapping destination"));
                    }
                    break;
                case "cluster":
                    problems.add(new Problem(p, "field \"cluster\" of a mapping is not supported by Dialtone yet"));
                    break;
                default:
                    problems.add(new Problem(p, "Unknown field \"" + f.getKey() + "\" for mapping destination"));
            }
        }
        if (destination == null) {
            problems.add(new Problem(d.position(), "Missing destination for the weighted mapping"));
            return;
        }
        destinations.add(destination);
        weights.add(weight);
    }

    private void eachBlock(Position at, String key, Object value, java.util.function.Consumer<ConfMap> each) {
        if (!(value instanceof List)) {
            problems.add(new Problem(at, "field \"" + key + "\" needs an array"));
            return;
        }
        for (Object o : (List<?>) value) {
            if (o instanceof ConfMap) {
                each.accept((ConfMap) o);
            } else {
                problems.add(new Problem(at, "each of \"" + key + "\" needs to be a block"));
            }
        }
    }

    /** {@code {stream: subject} | {service: subject, response_type}, accounts: [..]}. */
    private void export(ConfMap b, AccountBlock account) {
        String kind = null;
        String subject = null;
        String response = "singleton";
        List<String> to = List.of();
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Position p = b.keyPosition(e.getKey());
            switch (e.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "stream":
                case "service":
                    kind = e.getKey().toLowerCase(java.util.Locale.ROOT);
                    subject = text(p, e.getKey(), e.getValue()).orElse(null);
                    break;
                case "accounts":
                    to = e.getValue() instanceof List ? ((List<?>) e.getValue()).stream().map(String::valueOf)
                            .toList() : List.of(String.valueOf(e.getValue()));
                    break;
                case "response":
                case "response_type":
                    response = String.valueOf(e.getValue()).toLowerCase(java.util.Locale.ROOT);
                    if (!Set.of("singleton", "stream", "chunked").contains(response)) {
                        problems.add(new Problem(p, "Unknown response type: \"" + e.getValue() + "\""));
                    }
                    break;
                case "threshold":
                case "response_threshold":
                case "latency":
                case "account_token_position":
                case "advertise":
                    problems.add(new Problem(p, "field \"" + e.getKey()
                            + "\" of an export is not supported by Dialtone yet"));
                    break;
                default:
                    problems.add(new Problem(p, "unknown field \"" + e.getKey() + "\""));
            }
        }
        if (kind == null) {
            problems.add(new Problem(b.position(), "Export needs a stream or a service subject"));
            return;
        }
        account.exports().add(new Export(kind, subject, to, response));
    }

    /** {@code {stream: {account, subject}, prefix | to} | {service: {account, subject}, to}}. */
    private void importOf(ConfMap b, AccountBlock account) {
        String kind = null;
        String from = null;
        String subject = null;
        String prefix = null;
        String to = null;
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Position p = b.keyPosition(e.getKey());
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            switch (k) {
                case "stream":
                case "service":
                    kind = k;
                    if (e.getValue() instanceof ConfMap) {
                        ConfMap src = (ConfMap) e.getValue();
                        for (Map.Entry<String, Object> f : src.entrySet()) {
                            String fk = f.getKey().toLowerCase(java.util.Locale.ROOT);
                            if (fk.equals("account")) {
                                from = String.valueOf(f.getValue());
                            } else if (fk.equals("subject")) {
                                subject = String.valueOf(f.getValue());
                            } else {
                                problems.add(new Problem(src.keyPosition(f.getKey()), "unknown field \""
                                        + f.getKey() + "\""));
                            }
                        }
                    } else {
                        problems.add(new Problem(p, "Import needs {account, subject}"));
                    }
                    break;
                case "prefix":
                    prefix = text(p, e.getKey(), e.getValue()).orElse(null);
                    break;
                case "to":
                    to = text(p, e.getKey(), e.getValue()).orElse(null);
                    break;
                case "share":
                    problems.add(new Problem(p, "field \"share\" of an import is not supported by Dialtone yet"));
                    break;
                default:
                    problems.add(new Problem(p, "unknown field \"" + e.getKey() + "\""));
            }
        }
        if (kind == null || from == null || subject == null) {
            problems.add(new Problem(b.position(), "Import needs a stream or a service with account and subject"));
            return;
        }
        if (prefix != null && to != null) {
            problems.add(new Problem(b.position(), "Stream import can not have a 'prefix' and a 'to' property"));
            return;
        }
        String local = to != null ? to : prefix != null ? prefix + "." + subject : subject;
        account.imports().add(new Import(b.position(), kind, from, subject, local));
    }

    /** Each import needs its account defined and an export that covers it; service imports must not form a cycle. */
    private void imports() {
        for (AccountBlock a : accounts.values()) {
            int n = 0;
            for (Import i : a.imports()) {
                AccountBlock from = accounts.get(i.fromAccount());
                if (from == null) {
                    problems.add(new Problem(i.at(), "\"" + i.fromAccount() + "\" account not defined for "
                            + i.kind() + " import"));
                    continue;
                }
                Export export = from.exports().stream().filter(x -> x.kind().equals(i.kind())
                        && io.dialtone.router.Subjects.subjectIsSubsetMatch(i.subject(), x.subject())
                        && (x.accounts().isEmpty() || x.accounts().contains(a.name()))).findFirst().orElse(null);
                if (export == null) {
                    problems.add(new Problem(i.at(), "Error adding " + i.kind() + " import \"" + i.subject() + "\": "
                            + i.kind() + " import not authorized"));
                    continue;
                }
                if (i.kind().equals("service") && formsCycle(a.name(), i.fromAccount(), i.subject(),
                        new java.util.HashSet<>())) {
                    problems.add(new Problem(i.at(), "Error adding service import \"" + i.subject()
                            + "\": import forms a cycle"));
                    continue;
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("account", a.name());
                c.put("from_account", i.fromAccount());
                c.put("kind", i.kind());
                c.put("subject", i.subject());
                c.put("to", i.to());
                c.put("response_type", export.responseType());
                configurations.put(IMPORT_FACTORY_PID + "~" + a.name() + "." + n++, c);
            }
        }
    }

    /** Whether following service imports from {@code via} on {@code subject} leads back to {@code origin}. */
    private boolean formsCycle(String origin, String via, String subject, java.util.Set<String> seen) {
        if (via.equals(origin)) {
            return true;
        }
        if (!seen.add(via)) {
            return false;
        }
        AccountBlock a = accounts.get(via);
        if (a == null) {
            return false;
        }
        for (Import i : a.imports()) {
            if (i.kind().equals("service") && io.dialtone.router.Subjects.subjectsCollide(i.to(), subject)
                    && formsCycle(origin, i.fromAccount(), i.subject(), seen)) {
                return true;
            }
        }
        return false;
    }

    private void users(Position at, String key, Object value, String account, Map<String, Object> defaults) {
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
            Map<String, Object> grants = new LinkedHashMap<>(defaults);
            if (account != null) {
                grants.put("account", account);
            }
            String[] credentials = credentials((ConfMap) o, (k, p, v) -> {
                String lk = k.toLowerCase(java.util.Locale.ROOT);
                if (lk.equals("nkey")) {
                    nkey[0] = text(p, k, v).orElse(null);
                } else if (lk.equals("permissions") || lk.equals("permission")) {
                    grants.keySet().removeIf(g -> !g.equals("account"));
                    grants.putAll(PermissionsBlock.parse(v, p, problems));
                } else {
                    problems.add(new Problem(p, "field \"" + k + "\" of a user is not supported by Dialtone yet"));
                }
            });
            Position p = ((ConfMap) o).position();
            if (nkey[0] != null && !nkey[0].isEmpty()) {
                putNkeyUser(p, nkey[0], credentials[0] != null || credentials[1] != null, grants);
            } else {
                putUser(p, credentials[0], credentials[1], grants);
            }
        }
    }

    /** An nkey user, checked as nats-server's parseUsers does (a user public key, no user name or password). */
    private void putNkeyUser(Position at, String nkey, boolean hasUserOrPassword, Map<String, Object> grants) {
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
        u.putAll(grants);
        putOnce(at, NKEY_FACTORY_PID + "~" + nkey, "Duplicate nkey \"" + nkey + "\" detected", u);
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

    private void putUser(Position at, String user, String password, Map<String, Object> grants) {
        if (user == null || user.isEmpty()) {
            problems.add(new Problem(at, "a user needs a name"));
            return;
        }
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("user", user);
        u.put("password", password == null ? "" : password);
        u.putAll(grants);
        putOnce(at, USER_FACTORY_PID + "~" + user, "Duplicate user \"" + user + "\" detected", u);
    }

    private void putOnce(Position at, String pid, String duplicate, Map<String, Object> properties) {
        if (configurations.putIfAbsent(pid, properties) != null) {
            problems.add(new Problem(at, duplicate));
        }
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

    static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " "
                + value;
    }
}
