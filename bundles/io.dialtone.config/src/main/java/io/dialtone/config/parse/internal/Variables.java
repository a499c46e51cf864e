package io.dialtone.config.parse.internal;

import io.dialtone.config.parse.ConfMap;
import java.util.Deque;
import java.util.function.Function;

/**
 * Resolves {@code $NAME}: a bare {@code $2a$...} is a bcrypt hash, not a reference; otherwise the enclosing
 * maps are searched innermost first (keys defined so far), then the environment, whose value is parsed as a
 * configuration value ({@code pk=<value>}, as parse.go does).
 */
final class Variables {

    /** The prefix (after '$') that marks a bcrypt hash; only {@code 2a$} in nats-server 2.9. */
    static final String BCRYPT_PREFIX = "2a$";

    /** Outcome of a lookup. */
    record Resolved(Object value, boolean fromEnvironment) {
    }

    private Variables() {
    }

    /**
     * @param name     the name after '$'
     * @param contexts the open maps and lists, innermost first
     * @param env      environment lookup
     * @param envParse parses an environment value as a configuration value; returns {@code null} if it yields none
     * @return the value, or {@code null} if the name is unknown
     */
    static Resolved resolve(String name, Deque<Object> contexts, Function<String, String> env,
            EnvParser envParse) throws Scalars.Invalid {
        if (name.startsWith(BCRYPT_PREFIX)) {
            return new Resolved("$" + name, false);
        }
        for (Object ctx : contexts) {
            if (ctx instanceof ConfMap map && map.containsKey(name)) {
                map.markUsedAsVariable(name);
                return new Resolved(map.get(name), false);
            }
        }
        String raw = env.apply(name);
        if (raw == null) {
            return null;
        }
        Object value = envParse.parse(name, raw);
        return value == null ? null : new Resolved(value, true);
    }

    /** Parses the value of an environment variable. */
    @FunctionalInterface
    interface EnvParser {
        /** @return the value, or {@code null} if the text yields none */
        Object parse(String name, String raw) throws Scalars.Invalid;
    }
}
