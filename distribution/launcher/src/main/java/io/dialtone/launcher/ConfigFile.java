package io.dialtone.launcher;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.config.file.ServerConfiguration;
import io.dialtone.config.parse.ConfException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -c <file>} on the launcher's side: the file is read before anything starts, so a malformed file stops the
 * server before it binds (nothing starts half-configured) and the listen address is known before the socket is
 * bound. The settings a flag could also give are merged under the flags; the components' settings are applied
 * inside the framework by io.dialtone.config from the same file.
 */
final class ConfigFile {

    /** File keys (nats-server's names) that stand for a flag, with that flag's key. */
    private static final Map<String, String> AS_FLAGS = Map.of("port", "port", "host", "addr", "server_name", "name",
            "http_port", "http_port", "log_file", "log", "pid_file", "pid", "ports_file_dir", "ports_file_dir",
            "debug", "debug", "trace", "trace", "logtime", "logtime");

    /** A file that cannot be used, with everything wrong with it. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = problems;
        }

        List<String> problems() {
            return problems;
        }
    }

    private ConfigFile() {
    }

    /**
     * The client listener's effective TLS (the file's tls block, or the --tls* flags over it as nats-server merges
     * them) as framework properties {@code dialtone.tls.*}: the listener starts with them, before io.dialtone.config
     * has written its configuration. Throws nats-server's message when the flags are incomplete.
     */
    static Map<String, String> tls(Flags flags, ServerConfiguration config) throws Invalid {
        boolean given = false;
        for (String f : new String[] {"tls", "tlscert", "tlskey", "tlsverify", "tlscacert"}) {
            given |= flags.has(f);
        }
        Map<String, String> props = new LinkedHashMap<>();
        if (given) {
            String error = config.tlsWith(flags.has("tls") ? flags.bool("tls") : null, flags.string("tlscert", null),
                    flags.string("tlskey", null), flags.has("tlsverify") ? flags.bool("tlsverify") : null,
                    flags.string("tlscacert", null));
            if (error != null) {
                throw new Invalid(List.of(error));
            }
            props.put(LaunchProperties.TLS_FLAGS, "true");
        }
        config.clientTls().forEach((k, v) -> props.put(LaunchProperties.TLS_PREFIX + k.substring("tls.".length()),
                String.valueOf(v)));
        return props;
    }

    /**
     * The cluster flags over the file's cluster block, as nats-server merges them, checked before anything starts
     * (nats-server's message is thrown); returned as the framework properties {@code dialtone.cluster.flag.*} that
     * io.dialtone.config merges the same way.
     */
    static Map<String, String> cluster(Flags flags, ServerConfiguration config) throws Invalid {
        Map<String, String> given = new LinkedHashMap<>();
        for (String flag : ServerConfiguration.CLUSTER_FLAGS) {
            if (flags.has(flag)) {
                given.put(flag, flags.string(flag, ""));
            }
        }
        String error = config.clusterWith(given);
        if (error != null) {
            throw new Invalid(List.of(error));
        }
        Map<String, String> props = new LinkedHashMap<>();
        given.forEach((flag, value) -> props.put(LaunchProperties.CLUSTER_FLAG_PREFIX + flag, value));
        return props;
    }

    /** Reads a configuration file; its syntax error or its problems are thrown. */
    static ServerConfiguration load(Path file) throws Invalid {
        ServerConfiguration config;
        try {
            config = ServerConfiguration.load(file);
        } catch (ConfException e) {
            throw new Invalid(List.of(e.getMessage()));
        }
        if (!config.problems().isEmpty()) {
            throw new Invalid(config.problems().stream().map(Object::toString).toList());
        }
        return config;
    }

    /** The flags, with the file's values where no flag was given, and the file's absolute path kept as the flag. */
    static Flags merge(Flags flags, ServerConfiguration config, Path file) {
        Map<String, String> fromFile = new LinkedHashMap<>();
        config.launcher().forEach((key, value) -> {
            String flag = AS_FLAGS.get(key);
            if (flag != null) {
                fromFile.put(flag, String.valueOf(value));
            }
        });
        return flags.withDefaults(fromFile)
                .overriding(Map.of("config", file.toAbsolutePath().normalize().toString()));
    }
}
