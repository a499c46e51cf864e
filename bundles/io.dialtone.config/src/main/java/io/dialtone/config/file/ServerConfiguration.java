package io.dialtone.config.file;

import io.dialtone.config.internal.NatsConfig;
import io.dialtone.config.parse.ConfException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** One nats-server configuration file, read and checked. */
@ProviderType
public interface ServerConfiguration {

    /**
     * The cluster flags by the launcher's names: {@code routes}, {@code cluster} (also {@code --cluster_listen}),
     * {@code cluster_name}, {@code no_advertise}, {@code cluster_advertise}, {@code connect_retries}.
     */
    List<String> CLUSTER_FLAGS = List.of("routes", "cluster", "cluster_name", "no_advertise", "cluster_advertise",
            "connect_retries");

    /** Reads and checks a file; what is wrong with it is in {@link #problems()}. */
    static ServerConfiguration load(Path file) throws ConfException {
        return NatsConfig.load(file);
    }

    /** No file: every setting at its default. */
    static ServerConfiguration empty() {
        return NatsConfig.empty();
    }

    /** What is wrong with the file, each with its position ({@code file:line:col: message}); empty when valid. */
    List<?> problems();

    /** The settings the launcher applies itself (ports, log, pid file ...), by nats-server's names. */
    Map<String, Object> launcher();

    /** The client listener's effective TLS, as {@code tls.*} properties. */
    Map<String, Object> clientTls();

    /** Applies the {@code --tls*} flags over the file's tls block (null: not given); nats-server's error, or null. */
    String tlsWith(Boolean tls, String cert, String key, Boolean verify, String ca);

    /** Applies the cluster flags ({@link #CLUSTER_FLAGS}) over the file's cluster block; nats-server's error, or null. */
    String clusterWith(Map<String, String> flags);
}
