package io.dialtone.config.internal;

import io.dialtone.config.parse.ConfMap;
import io.dialtone.config.parse.Durations;
import io.dialtone.config.parse.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * nats-server's {@code permissions} block (opts.go parseUserPermissions) read into a user's configuration properties
 * as io.dialtone.auth reads them: {@code publish_allow}, {@code publish_deny}, {@code subscribe_allow},
 * {@code subscribe_deny} (string arrays), {@code allow_responses}, {@code responses_max},
 * {@code responses_expires_ms}. Problems are reported with nats-server's wording.
 */
final class PermissionsBlock {

    private PermissionsBlock() {
    }

    static Map<String, Object> parse(Object value, Position at, List<NatsConfig.Problem> problems) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (!(value instanceof ConfMap)) {
            problems.add(new NatsConfig.Problem(at, "Expected permissions to be a map/struct, got " + goType(value)));
            return props;
        }
        ConfMap block = (ConfMap) value;
        for (Map.Entry<String, Object> e : block.entrySet()) {
            Position p = block.keyPosition(e.getKey());
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "pub":
                case "publish":
                case "import":
                    subjects(e.getValue(), p, "publish", props, problems);
                    break;
                case "sub":
                case "subscribe":
                case "export":
                    subjects(e.getValue(), p, "subscribe", props, problems);
                    break;
                case "allow_responses":
                case "allow_response":
                    responses(e.getValue(), p, props, problems);
                    break;
                default:
                    problems.add(new NatsConfig.Problem(p, "Unknown field \"" + e.getKey() + "\" parsing permissions"));
            }
        }
        return props;
    }

    /** A subject, an array of subjects (both allow), or {@code {allow, deny}}. */
    private static void subjects(Object value, Position at, String kind, Map<String, Object> props,
            List<NatsConfig.Problem> problems) {
        if (value instanceof ConfMap) {
            ConfMap m = (ConfMap) value;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                String k = e.getKey().toLowerCase(Locale.ROOT);
                if (!k.equals("allow") && !k.equals("deny")) {
                    problems.add(new NatsConfig.Problem(m.keyPosition(e.getKey()), "Unknown field name \""
                            + e.getKey() + "\" parsing subject permissions, only 'allow' or 'deny' are permitted"));
                    continue;
                }
                list(e.getValue(), m.keyPosition(e.getKey()), problems)
                        .ifPresent(l -> props.put(kind + "_" + k, l));
            }
            return;
        }
        list(value, at, problems).ifPresent(l -> props.put(kind + "_allow", l));
    }

    private static java.util.Optional<String[]> list(Object value, Position at, List<NatsConfig.Problem> problems) {
        if (value instanceof String) {
            return java.util.Optional.of(new String[] {(String) value});
        }
        if (value instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                if (!(o instanceof String)) {
                    problems.add(new NatsConfig.Problem(at, "Subject in permissions array cannot be cast to string"));
                    return java.util.Optional.empty();
                }
                out.add((String) o);
            }
            return java.util.Optional.of(out.toArray(String[]::new));
        }
        problems.add(new NatsConfig.Problem(at,
                "Expected subject permissions to be a subject, or array of subjects, got " + goType(value)));
        return java.util.Optional.empty();
    }

    /** {@code true|false}, or {@code {max, expires}} (nats-server also takes a few aliases). */
    private static void responses(Object value, Position at, Map<String, Object> props,
            List<NatsConfig.Problem> problems) {
        if (value instanceof Boolean) {
            if ((Boolean) value) {
                props.put("allow_responses", true);
            }
            return;
        }
        if (!(value instanceof ConfMap)) {
            problems.add(new NatsConfig.Problem(at, "Expected allow_responses to be a boolean or a map, got "
                    + goType(value)));
            return;
        }
        props.put("allow_responses", true);
        ConfMap m = (ConfMap) value;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Position p = m.keyPosition(e.getKey());
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "max":
                case "max_msgs":
                case "max_messages":
                case "max_responses":
                    if (e.getValue() instanceof Long) {
                        props.put("responses_max", (int) Math.min(Integer.MAX_VALUE, (Long) e.getValue()));
                    } else {
                        problems.add(new NatsConfig.Problem(p, "error parsing max responses: expected an integer"));
                    }
                    break;
                case "expires":
                case "expiration":
                case "ttl":
                    try {
                        props.put("responses_expires_ms", Durations.parse(String.valueOf(e.getValue())).toMillis());
                    } catch (IllegalArgumentException ex) {
                        problems.add(new NatsConfig.Problem(p, "error parsing expires: " + ex.getMessage()));
                    }
                    break;
                default:
                    problems.add(new NatsConfig.Problem(p, "Unknown field \"" + e.getKey() + "\" parsing permissions"));
            }
        }
    }

    /** How Go names a config value's type in nats-server's messages. */
    static String goType(Object value) {
        if (value instanceof Long) {
            return "int64";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof List) {
            return "[]interface {}";
        }
        return "map[string]interface {}";
    }
}
