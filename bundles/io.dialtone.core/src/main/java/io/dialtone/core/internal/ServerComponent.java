package io.dialtone.core.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.protocol.GoDuration;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.ServerRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's identity and its limits. Everything nats-server can reload here is applied live by
 * {@link #modified(Config)}: new clients see the new values in their INFO.
 */
@Component(configurationPid = ServerComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServerComponent.Config.class)
public final class ServerComponent implements ServerRuntime {

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.SERVER;

    /** Option names are nats-server's ({@code __} stands for {@code _} in the property name). */
    @ObjectClassDefinition(name = "Dialtone server", description = "Server identity and client limits (nats-server options).")
    public @interface Config {
        @AttributeDefinition(name = "server_name", description = "Server name; the server id when empty. Default: the -n flag.")
        String server__name() default "";

        @AttributeDefinition(name = "max_payload", description = "Largest message payload in bytes.")
        int max__payload() default 1024 * 1024;

        @AttributeDefinition(name = "max_control_line", description = "Longest protocol control line in bytes.")
        int max__control__line() default 4096;

        @AttributeDefinition(name = "max_pending", description = "Pending outbound bytes per client before it is a slow consumer.")
        long max__pending() default 64L * 1024 * 1024;

        @AttributeDefinition(name = "max_connections", description = "Client connections accepted at most.")
        int max__connections() default 64 * 1024;

        @AttributeDefinition(name = "max_subscriptions", description = "Subscriptions per client at most; 0 is unlimited.")
        int max__subscriptions() default 0;

        @AttributeDefinition(name = "ping_interval", description = "Interval between server PINGs (Go duration).")
        String ping__interval() default "2m";

        @AttributeDefinition(name = "ping_max", description = "Outstanding PINGs before the connection is stale.")
        int ping__max() default 2;

        @AttributeDefinition(name = "write_deadline", description = "Longest a flush may stall before the client is a slow consumer (Go duration).")
        String write__deadline() default "10s";

        @AttributeDefinition(name = "lame_duck_duration", description = "In lame-duck mode, the time over which clients are closed (Go duration).")
        String lame__duck__duration() default "2m";

        @AttributeDefinition(name = "lame_duck_grace_period", description = "In lame-duck mode, the wait before the first client is closed (Go duration).")
        String lame__duck__grace__period() default "10s";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServerComponent.class);

    private final String serverId = ServerIdentity.newServerId();
    private final long startMillis = System.currentTimeMillis();
    private final BundleContext context;
    private volatile ServerDTO current;

    @Activate
    public ServerComponent(BundleContext context, Config config) {
        this.context = context;
        this.current = snapshot(config);
        LOG.info("  Name:     {}", current.serverName);
        LOG.info("  ID:       {}", serverId);
    }

    @Modified
    void modified(Config config) {
        ServerDTO next = snapshot(config);
        current = next;
        LOG.info("Server configuration changed: max_payload={} max_control_line={} max_pending={} ping_interval={}ms"
                + " lame_duck_duration={}ms", next.maxPayload, next.maxControlLine, next.maxPending,
                next.pingIntervalMillis, next.lameDuckDurationMillis);
    }

    @Override
    public ServerDTO server() {
        ServerDTO s = current;
        ServerDTO copy = new ServerDTO();
        copy.serverId = s.serverId;
        copy.serverName = s.serverName;
        copy.version = s.version;
        copy.dialtoneVersion = s.dialtoneVersion;
        copy.proto = s.proto;
        copy.maxPayload = s.maxPayload;
        copy.maxControlLine = s.maxControlLine;
        copy.maxPending = s.maxPending;
        copy.maxConnections = s.maxConnections;
        copy.maxSubscriptions = s.maxSubscriptions;
        copy.pingIntervalMillis = s.pingIntervalMillis;
        copy.pingMax = s.pingMax;
        copy.writeDeadlineMillis = s.writeDeadlineMillis;
        copy.lameDuckDurationMillis = s.lameDuckDurationMillis;
        copy.lameDuckGraceMillis = s.lameDuckGraceMillis;
        copy.startMillis = s.startMillis;
        return copy;
    }

    /** The current settings; the returned object is shared and must not be changed. */
    ServerDTO settings() {
        return current;
    }

    private ServerDTO snapshot(Config config) {
        ServerDTO s = new ServerDTO();
        s.serverId = serverId;
        s.serverName = firstNonEmpty(config.server__name(), context.getProperty(LaunchProperties.SERVER_NAME), serverId);
        s.version = firstNonEmpty(context.getProperty(LaunchProperties.NATS_VERSION), Versions.NATS_COMPATIBLE);
        s.dialtoneVersion = firstNonEmpty(context.getProperty(LaunchProperties.DIALTONE_VERSION),
                context.getBundle().getVersion().toString());
        s.proto = 1;
        s.maxPayload = config.max__payload();
        s.maxControlLine = config.max__control__line();
        s.maxPending = config.max__pending();
        s.maxConnections = config.max__connections();
        s.maxSubscriptions = config.max__subscriptions();
        s.pingIntervalMillis = millis(config.ping__interval());
        s.pingMax = config.ping__max();
        s.writeDeadlineMillis = millis(config.write__deadline());
        s.lameDuckDurationMillis = millis(config.lame__duck__duration());
        s.lameDuckGraceMillis = millis(config.lame__duck__grace__period());
        s.startMillis = startMillis;
        return s;
    }

    /** A duration option in milliseconds: a Go duration ({@code "2m"}), or bare digits as seconds. */
    private static long millis(String text) {
        String t = text.trim();
        return t.matches("\\d+") ? Long.parseLong(t) * 1000 : GoDuration.parse(t).toMillis();
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
