package io.dialtone.api.launch;

/**
 * Names of the framework properties that the launcher derives from its command line. Components read them as defaults
 * when their own Config Admin configuration does not say otherwise.
 *
 * <p>Every constant is a compile-time constant, so the launcher (which lives outside the framework) inlines them.
 */
public final class LaunchProperties {

    /** Dialtone's own version, e.g. {@code 0.1.0}. */
    public static final String DIALTONE_VERSION = "dialtone.version";
    /** The nats-server version whose client-visible behaviour Dialtone implements; INFO's {@code version}. */
    public static final String NATS_VERSION = "dialtone.nats.version";
    /** {@code -n/--name}: the server name. */
    public static final String SERVER_NAME = "dialtone.server_name";
    /** {@code -a/--addr}: the client listen address. */
    public static final String HOST = "dialtone.host";
    /** {@code -p/--port}: the client port. */
    public static final String PORT = "dialtone.port";
    /** {@code -m/--http_port}: the monitoring HTTP port (also the Web Console's), 0 = off. */
    public static final String HTTP_PORT = "dialtone.http_port";
    /** {@code -c/--config}: the nats-server configuration file, as an absolute path. */
    public static final String CONFIG_FILE = "dialtone.config.file";
    /**
     * Prefix of the client listener's TLS settings ({@code dialtone.tls.cert_file}, {@code ...key_file},
     * {@code ...ca_file}, {@code ...verify}, ...) the launcher passes, so the listener starts with them before the
     * configuration file reaches Config Admin.
     */
    public static final String TLS_PREFIX = "dialtone.tls.";
    /** {@code true} when the TLS settings came from {@code --tls*} flags (they then override the file's). */
    public static final String TLS_FLAGS = "dialtone.tls.flags";
    /**
     * Prefix of the cluster flags the launcher passes as given, named without their dashes
     * ({@code dialtone.cluster.flag.routes}, {@code ...cluster} (also for {@code --cluster_listen}),
     * {@code ...cluster_name}, {@code ...no_advertise}, {@code ...cluster_advertise}, {@code ...connect_retries});
     * io.dialtone.config merges them over the file's {@code cluster {}} block as nats-server does.
     */
    public static final String CLUSTER_FLAG_PREFIX = "dialtone.cluster.flag.";
    /** {@code --user}: the one user allowed to connect (with {@link #AUTH_PASS}). */
    public static final String AUTH_USER = "dialtone.auth.user";
    /** {@code --pass}. */
    public static final String AUTH_PASS = "dialtone.auth.pass";
    /** {@code --auth}: the token clients must present. */
    public static final String AUTH_TOKEN = "dialtone.auth.token";

    /** Service property naming a listener: {@link #LISTENER_CLIENT}, later also route, gateway, websocket. */
    public static final String LISTENER_NAME = "dialtone.listener.name";
    /** Service property: the host a listener is bound to. */
    public static final String LISTENER_HOST = "dialtone.listener.host";
    /** Service property: the port a listener is bound to (the real one when 0 was asked for). */
    public static final String LISTENER_PORT = "dialtone.listener.port";
    /** The client listener's name. */
    public static final String LISTENER_CLIENT = "client";

    /**
     * Service property of a {@link Runnable} the launcher runs for a control command ({@code -sl ldm}). A plain
     * {@code java.lang.Runnable} keeps the launcher free of bundle classes.
     */
    public static final String COMMAND = "dialtone.command";
    /** {@link #COMMAND} value: enter lame-duck mode (stop accepting clients, let the connected ones go). */
    public static final String COMMAND_LAME_DUCK = "ldm";
    /** {@link #COMMAND} value: read the configuration file again and apply what changed. */
    public static final String COMMAND_RELOAD = "reload";

    private LaunchProperties() {
    }
}
