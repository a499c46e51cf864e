package io.dialtone.config.internal;

import io.dialtone.protocol.HostPort;
import io.dialtone.config.internal.NatsConfig.Problem;
import io.dialtone.config.parse.ConfList;
import io.dialtone.config.parse.ConfMap;
import io.dialtone.config.parse.Position;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The file's {@code cluster {}} block and the cluster flags over it, as nats-server 2.9.10's parseCluster and
 * overrideCluster read them, into the properties of PID {@value NatsConfig#CLUSTER_PID}. As in nats-server, a
 * cluster runs only with a port: without one there is no configuration.
 */
final class ClusterConfig {

    /** cluster {} keys nats-server 2.9 knows that Dialtone does not implement yet. */
    private static final Set<String> NOT_YET = Set.of("tls", "permissions");
    /** nats-server's default cluster host and route authentication timeout (seconds). */
    private static final String DEFAULT_HOST = "0.0.0.0";
    private static final double DEFAULT_AUTH_TIMEOUT = 2.0;

    private final List<Problem> problems;
    private final ListenerConfig listener;
    /** What the file and the flags gave, under the configuration's property names; host and port only when given. */
    private final Map<String, Object> given = new LinkedHashMap<>();

    ClusterConfig(List<Problem> problems) {
        this.problems = problems;
        this.listener = new ListenerConfig(problems);
    }

    /** {@code cluster { name, listen | host, port, authorization, routes, advertise, no_advertise, ... }}. */
    void block(Position at, Object value) {
        fields(at, value, "Expected map to define cluster, got " + NatsConfig.describe(value), (k, key, p, v) -> {
            switch (k) {
                case "name" -> listener.typed(p, key, v, String.class).ifPresent(n -> given.put("name", n));
                case "listen" -> listener.listen(p, v, given);
                case "port" -> listener.typed(p, key, v, Long.class).ifPresent(n -> given.put("port", n.intValue()));
                case "host", "net" -> listener.typed(p, key, v, String.class).ifPresent(h -> given.put("host", h));
                case "authorization" -> authorization(p, v);
                case "routes" -> routes(p, key, v);
                case "advertise", "cluster_advertise" -> listener.typed(p, key, v, String.class)
                        .ifPresent(a -> advertise(a, m -> problems.add(new Problem(p, m))));
                case "no_advertise" -> listener.typed(p, key, v, Boolean.class).ifPresent(b -> given.put(k, b));
                case "connect_retries" ->
                        listener.typed(p, key, v, Long.class).ifPresent(n -> given.put(k, n.intValue()));
                default -> problems.add(new Problem(p, NOT_YET.contains(k)
                        ? "field \"" + key + "\" in cluster is not supported by Dialtone yet"
                        : "unknown field \"" + key + "\""));
            }
        });
    }

    /** {@code authorization { user, password, timeout }}: one route user, as nats-server allows in a cluster. */
    private void authorization(Position at, Object value) {
        fields(at, value, "field \"authorization\" needs a block", (k, key, p, v) -> {
            switch (k) {
                case "user", "username" -> listener.typed(p, key, v, String.class).ifPresent(u -> given.put("user", u));
                case "password", "pass" ->
                        listener.typed(p, key, v, String.class).ifPresent(s -> given.put("password", s));
                case "timeout" -> {
                    // nats-server takes anything else (a "2s" string too) silently as 1 second: refused here
                    if (v instanceof Long || v instanceof Double) {
                        given.put("auth_timeout", ((Number) v).doubleValue());
                    } else {
                        problems.add(new Problem(p, "field \"" + key + "\" needs a number of seconds, not "
                                + NatsConfig.describe(v)));
                    }
                }
                case "users" -> problems.add(new Problem(at, "Cluster authorization does not allow multiple users"));
                case "token" -> problems.add(new Problem(at, "Cluster authorization does not support tokens"));
                case "permissions", "default_permissions", "default_permission" -> problems.add(new Problem(at,
                        "invalid use of field \"authorization\": setting \"permissions\" within cluster authorization"
                                + " block is deprecated"));
                default -> problems.add(new Problem(p, "unknown field \"" + key + "\""));
            }
        });
    }

    /** One field of a block: its key lower-cased (nats-server matches keys so), as written, where, and its value. */
    private interface Field {
        void accept(String lowerKey, String key, Position at, Object value);
    }

    /** Each field of a block but the variables it defines and uses; a problem when the value is no block. */
    private void fields(Position at, Object value, String notABlock, Field field) {
        if (!(value instanceof ConfMap)) {
            problems.add(new Problem(at, notABlock));
            return;
        }
        ConfMap block = (ConfMap) value;
        for (Map.Entry<String, Object> e : block.entrySet()) {
            if (!block.isUsedAsVariable(e.getKey())) {
                field.accept(e.getKey().toLowerCase(Locale.ROOT), e.getKey(), block.keyPosition(e.getKey()),
                        e.getValue());
            }
        }
    }

    /** {@code routes: [url, ...]}: kept as written (trimmed); each parses as a URL, none twice. */
    private void routes(Position at, String key, Object value) {
        if (!(value instanceof ConfList)) {
            problems.add(new Problem(at, "field \"" + key + "\" needs an array, not " + NatsConfig.describe(value)));
            return;
        }
        ConfList list = (ConfList) value;
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Position p = list.position(i) == null ? at : list.position(i);
            Object v = list.get(i);
            if (!(v instanceof String)) {
                problems.add(new Problem(p, "a route needs to be a URL string, not " + NatsConfig.describe(v)));
                continue;
            }
            String url = ((String) v).trim();
            if (routes.contains(url)) {
                problems.add(new Problem(p, "invalid use of field \"" + v + "\": Duplicate route entry detected"));
            } else if (!isUrl(url)) {
                problems.add(new Problem(p, "error parsing route url [\"" + url + "\"]"));
            } else {
                routes.add(url);
            }
        }
        given.put("routes", routes.toArray(String[]::new));
    }

    private static boolean isUrl(String url) {
        try {
            new URI(url);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The advertised {@code host[:port]}, checked as nats-server checks it before it uses it (a bad one stops
     * nats-server at start and fails its reload, with this message).
     */
    private void advertise(String advertise, java.util.function.Consumer<String> problem) {
        if (!advertise.isEmpty()) {
            String port;
            try {
                port = splitDefaultingPort(advertise).port();
            } catch (IllegalArgumentException ex) {
                problem.accept("invalid Cluster.Advertise value of " + advertise + ", err=" + ex.getMessage());
                return;
            }
            try {
                Integer.parseInt(port.trim());
            } catch (NumberFormatException ex) {
                problem.accept("invalid Cluster.Advertise value of " + advertise + ", err=strconv.Atoi: parsing \""
                        + port.trim() + "\": invalid syntax");
                return;
            }
        }
        given.put("advertise", advertise);
    }

    /** nats-server's parseHostPort: a missing port is the listen port (any will do for the check). */
    private static HostPort.Parts splitDefaultingPort(String hostPort) {
        try {
            return HostPort.split(hostPort);
        } catch (IllegalArgumentException ex) {
            if (!ex.getMessage().endsWith("missing port in address")) {
                throw ex;
            }
            return HostPort.split(hostPort + ":0");
        }
    }

    /**
     * The cluster flags, as nats-server applies them after the file ({@code flags} holds the given ones, under the
     * names of {@link NatsConfig#CLUSTER_FLAGS}). Returns nats-server's error, or null.
     */
    String withFlags(Map<String, String> flags) {
        if (flags.containsKey("cluster_name")) {
            given.put("name", flags.get("cluster_name"));
        }
        String[] error = new String[1];
        if (flags.containsKey("cluster_advertise")) {
            advertise(flags.get("cluster_advertise"), m -> error[0] = m);
        }
        if (flags.containsKey("no_advertise")) {
            given.put("no_advertise", Boolean.parseBoolean(flags.get("no_advertise")));
        }
        if (flags.containsKey("connect_retries")) {
            given.put("connect_retries", (int) Long.parseLong(flags.get("connect_retries").trim()));
        }
        if (error[0] == null && flags.containsKey("cluster")) {
            error[0] = listenUrl(flags.get("cluster"));
        }
        String routes = flags.get("routes");
        if (error[0] == null && routes != null) {
            error[0] = routes(routes);
        }
        if (error[0] == null && routes != null && !routes.isEmpty() && flags.getOrDefault("cluster", "").isEmpty()
                && ((String) given.getOrDefault("host", "")).isEmpty() && port() == 0) {
            error[0] = "solicited routes require cluster capabilities, e.g. --cluster";
        }
        return error[0];
    }

    /**
     * {@code --cluster} / {@code --cluster_listen nats://[user:password@]host:port} (port -1: any), as nats-server's
     * overrideCluster: the URL's user replaces the file's route user; an empty URL switches clustering off.
     */
    private String listenUrl(String url) {
        if (url.isEmpty()) {
            given.put("port", 0);
            return null;
        }
        boolean random = url.endsWith(":-1");
        String parsed = random ? url.substring(0, url.length() - 3) + ":0" : url;
        String authority;
        try {
            authority = new URI(parsed).getRawAuthority();
        } catch (URISyntaxException e) {
            return "parse \"" + parsed + "\": " + e.getReason();
        }
        authority = authority == null ? "" : authority;
        int at = authority.lastIndexOf('@');
        HostPort.Parts hp;
        int port;
        try {
            hp = HostPort.split(authority.substring(at + 1));
            port = random ? -1 : Integer.parseInt(hp.port());
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return e instanceof NumberFormatException ? "expected integer" : e.getMessage();
        }
        given.put("host", hp.host());
        given.put("port", port);
        given.remove("user");
        given.remove("password");
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                return "expected cluster password to be set";
            }
            given.put("user", unescape(userInfo.substring(0, colon)));
            given.put("password", unescape(userInfo.substring(colon + 1)));
        }
        return null;
    }

    private static String unescape(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code --routes url,url}: replaces the file's routes; empty clears them. */
    private String routes(String flag) {
        List<String> routes = new ArrayList<>();
        for (String r : flag.isEmpty() ? new String[0] : flag.split(",")) {
            String url = r.trim();
            if (!isUrl(url)) {
                return "error parsing route url [\"" + url + "\"]";
            }
            routes.add(url);
        }
        given.put("routes", routes.toArray(String[]::new));
        return null;
    }

    /** The name the running cluster keeps when the reloaded file gives none (nats-server only applies a new name). */
    void keepName(ClusterConfig running) {
        if (!given.containsKey("name") && running.given.containsKey("name")) {
            given.put("name", running.given.get("name"));
        }
    }

    /** nats-server's effective cluster host: the given one, 0.0.0.0 with a port, otherwise empty. */
    String host() {
        Object host = given.get("host");
        return host != null ? (String) host : port() != 0 ? DEFAULT_HOST : "";
    }

    /** The given port (-1: any free one), 0 without: no cluster. */
    int port() {
        return (Integer) given.getOrDefault("port", 0);
    }

    /**
     * The properties of {@value NatsConfig#CLUSTER_PID}, or null when no cluster runs: name, advertise, user and
     * password when given; host, port, routes, no_advertise, connect_retries and auth_timeout always, with
     * nats-server's defaults.
     */
    Map<String, Object> properties() {
        if (port() == 0) {
            return null;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        putIfGiven(props, "name");
        props.put("host", host());
        props.put("port", port());
        props.put("routes", given.getOrDefault("routes", new String[0]));
        props.put("no_advertise", given.getOrDefault("no_advertise", false));
        props.put("connect_retries", given.getOrDefault("connect_retries", 0));
        putIfGiven(props, "advertise");
        if (!((String) given.getOrDefault("user", "")).isEmpty()) {
            props.put("user", given.get("user"));
            props.put("password", given.getOrDefault("password", ""));
        }
        double timeout = (Double) given.getOrDefault("auth_timeout", 0.0);
        props.put("auth_timeout", timeout == 0 ? DEFAULT_AUTH_TIMEOUT : timeout);
        return props;
    }

    private void putIfGiven(Map<String, Object> props, String key) {
        Object v = given.get(key);
        if (v != null && !"".equals(v)) {
            props.put(key, v);
        }
    }
}
