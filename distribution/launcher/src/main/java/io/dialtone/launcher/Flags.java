package io.dialtone.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * nats-server's command line, parsed the way Go's {@code flag} package parses it: one or two dashes alike,
 * {@code -name value} or {@code -name=value}, booleans as {@code -name} or {@code -name=false}, parsing stops at
 * {@code --} or the first non-flag argument. Errors carry Go's wording.
 */
final class Flags {

    enum Type { BOOL, STRING, INT }

    /** One flag with its aliases; {@code missing} names the issue that will bring it when it is not supported yet. */
    record Spec(String key, Type type, String missing, String... names) {
    }

    /** A command line that could not be parsed; the message is what Go's flag package would print. */
    static final class FlagException extends Exception {
        private static final long serialVersionUID = 1L;

        FlagException(String message) {
            super(message);
        }
    }

    static final String NOT_YET_JS = "JetStream is not built yet";
    static final String NOT_YET_TLS = "TLS is not built yet";
    static final String NOT_YET_CLUSTER = "clustering is not built yet";
    static final String NOT_YET_OTHER = "this option is not built yet";

    static final List<Spec> SPECS = List.of(
            new Spec("addr", Type.STRING, null, "a", "addr", "net"),
            new Spec("port", Type.INT, null, "p", "port"),
            new Spec("name", Type.STRING, null, "n", "name", "server_name"),
            new Spec("pid", Type.STRING, null, "P", "pid"),
            new Spec("http_port", Type.INT, null, "m", "http_port"),
            new Spec("https_port", Type.INT, NOT_YET_TLS, "ms", "https_port"),
            new Spec("config", Type.STRING, null, "c", "config"),
            new Spec("check", Type.BOOL, null, "t"),
            new Spec("signal", Type.STRING, null, "sl", "signal"),
            new Spec("client_advertise", Type.STRING, NOT_YET_CLUSTER, "client_advertise"),
            new Spec("ports_file_dir", Type.STRING, null, "ports_file_dir"),
            new Spec("log", Type.STRING, null, "l", "log"),
            new Spec("logtime", Type.BOOL, null, "T", "logtime"),
            new Spec("syslog", Type.BOOL, NOT_YET_OTHER, "s", "syslog"),
            new Spec("remote_syslog", Type.STRING, NOT_YET_OTHER, "r", "remote_syslog"),
            new Spec("debug", Type.BOOL, null, "D", "debug"),
            new Spec("trace", Type.BOOL, null, "V", "trace"),
            new Spec("VV", Type.BOOL, null, "VV"),
            new Spec("DV", Type.BOOL, null, "DV"),
            new Spec("DVV", Type.BOOL, null, "DVV"),
            new Spec("log_size_limit", Type.INT, NOT_YET_OTHER, "log_size_limit"),
            new Spec("max_traced_msg_len", Type.INT, null, "max_traced_msg_len"),
            new Spec("jetstream", Type.BOOL, NOT_YET_JS, "js", "jetstream"),
            new Spec("store_dir", Type.STRING, NOT_YET_JS, "sd", "store_dir"),
            new Spec("user", Type.STRING, null, "user"),
            new Spec("pass", Type.STRING, null, "pass"),
            new Spec("auth", Type.STRING, null, "auth"),
            new Spec("tls", Type.BOOL, null, "tls"),
            new Spec("tlscert", Type.STRING, null, "tlscert"),
            new Spec("tlskey", Type.STRING, null, "tlskey"),
            new Spec("tlsverify", Type.BOOL, null, "tlsverify"),
            new Spec("tlscacert", Type.STRING, null, "tlscacert"),
            new Spec("routes", Type.STRING, null, "routes"),
            new Spec("cluster", Type.STRING, null, "cluster", "cluster_listen"),
            new Spec("cluster_name", Type.STRING, null, "cluster_name"),
            new Spec("no_advertise", Type.BOOL, null, "no_advertise"),
            new Spec("cluster_advertise", Type.STRING, null, "cluster_advertise"),
            new Spec("connect_retries", Type.INT, null, "connect_retries"),
            new Spec("profile", Type.INT, NOT_YET_OTHER, "profile"),
            new Spec("help", Type.BOOL, null, "h", "help"),
            new Spec("version", Type.BOOL, null, "v", "version"),
            new Spec("help_tls", Type.BOOL, null, "help_tls"));

    private static final Map<String, Spec> BY_NAME = new HashMap<>();

    static {
        for (Spec s : SPECS) {
            for (String n : s.names()) {
                BY_NAME.put(n, s);
            }
        }
    }

    private final Map<String, String> values;
    private final List<String> rest;

    private Flags(Map<String, String> values, List<String> rest) {
        this.values = values;
        this.rest = rest;
    }

    static Flags parse(String... args) throws FlagException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            int dashes = arg.charAt(1) == '-' ? 2 : 1;
            if (dashes == 2 && arg.length() == 2) {
                i++;
                break;
            }
            String body = arg.substring(dashes);
            if (body.isEmpty() || body.charAt(0) == '-' || body.charAt(0) == '=') {
                throw new FlagException("bad flag syntax: " + arg);
            }
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq > 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Spec spec = BY_NAME.get(name);
            if (spec == null) {
                throw new FlagException("flag provided but not defined: -" + name);
            }
            i++;
            if (spec.type() == Type.BOOL) {
                if (value == null) {
                    value = "true";
                } else if (parseBool(value) == null) {
                    throw new FlagException("invalid boolean value \"" + value + "\" for -" + name + ": parse error");
                }
                value = parseBool(value).toString();
            } else {
                if (value == null) {
                    if (i >= args.length) {
                        throw new FlagException("flag needs an argument: -" + name);
                    }
                    value = args[i++];
                }
                if (spec.type() == Type.INT && !isInt(value)) {
                    throw new FlagException("invalid value \"" + value + "\" for flag -" + name + ": parse error");
                }
            }
            values.put(spec.key(), value);
        }
        while (i < args.length) {
            rest.add(args[i++]);
        }
        return new Flags(values, rest);
    }

    /**
     * These flags with values from a configuration file filled in where no flag was given: command-line flags
     * override the file, as nats-server merges them. {@code fileValues} uses flag keys.
     */
    Flags withDefaults(Map<String, String> fileValues) {
        Map<String, String> merged = new LinkedHashMap<>(fileValues);
        merged.putAll(values);
        return new Flags(merged, rest);
    }

    /** These flags with {@code values} replacing theirs. */
    Flags overriding(Map<String, String> replacements) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(replacements);
        return new Flags(merged, rest);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        return v == null ? fallback : (int) Long.parseLong(v.trim());
    }

    boolean bool(String key) {
        return Boolean.parseBoolean(values.get(key));
    }

    /** Arguments left after the flags. */
    List<String> rest() {
        return rest;
    }

    /** The first flag given whose feature is not built yet, as the flag was spelled on the command line. */
    Spec firstUnsupported() {
        for (Spec s : SPECS) {
            if (s.missing() != null && values.containsKey(s.key())) {
                return s;
            }
        }
        return null;
    }

    private static Boolean parseBool(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1": case "t": case "true":
                return Boolean.TRUE;
            case "0": case "f": case "false":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static boolean isInt(String v) {
        try {
            Long.parseLong(v.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
