package io.dialtone.config.internal;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.config.parse.ConfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configuration file given with {@code -c} to Config Admin, so the file, {@code deploy/*.config} and the
 * Web Console are views of one state. On {@code -sl reload} / SIGHUP (a {@code dialtone.command=reload} Runnable the
 * launcher runs) the file is read again and the differences applied live; what nats-server cannot reload (the
 * listen addresses and ports, the cluster's among them) is refused with a message and the running values are kept.
 */
@Component(immediate = true, service = {})
public final class ConfigFileComponent {


    /** Marks the configurations this component owns, naming the file they came from. */
    static final String SOURCE = "dialtone.config.source";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileComponent.class);

    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;
    private final Path file;
    private final ServiceRegistration<Runnable> reload;
    private NatsConfig current;

    @Activate
    public ConfigFileComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
        this.context = context;
        String path = context.getProperty(LaunchProperties.CONFIG_FILE);
        this.file = path == null || path.isEmpty() ? null : Path.of(path);
        NatsConfig loaded = null;
        if (file != null) {
            try {
                NatsConfig c = NatsConfig.load(file);
                if (c.problems().isEmpty()) {
                    loaded = c;
                } else {
                    c.problems().forEach(p -> LOG.error("{}", p));
                }
            } catch (ConfException e) {
                LOG.error("{}", e.getMessage());
            }
        }
        if (loaded == null) {
            loaded = NatsConfig.empty();
        }
        withFlags(loaded);
        try {
            forgetStale(loaded);
            apply(loaded);
            current = loaded;
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.error("Cannot apply the configuration file: {}", e.getMessage());
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(LaunchProperties.COMMAND, LaunchProperties.COMMAND_RELOAD);
        this.reload = context.registerService(Runnable.class, this::reload, props);
    }

    @Deactivate
    void deactivate() {
        try {
            reload.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    /** Reads the file again; applies it when it is valid and changes nothing that cannot change live. */
    synchronized void reload() {
        if (file == null) {
            LOG.error("Failed to reload server configuration: no configuration file was given (-c)");
            return;
        }
        LOG.info("Reloading server configuration");
        NatsConfig next;
        try {
            next = NatsConfig.load(file);
        } catch (ConfException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return;
        }
        if (!next.problems().isEmpty()) {
            next.problems().forEach(p -> LOG.error("Failed to reload server configuration: {}", p));
            return;
        }
        withFlags(next);
        if (current != null) {
            for (String key : new String[] {"port", "host", "http_port", "http_host"}) {
                Object was = current.launcher().get(key);
                Object now = next.launcher().get(key);
                if (!Objects.equals(was, now)) {
                    LOG.error("Failed to reload server configuration: config reload not supported for {}: old={}, new={}",
                            key, was, now);
                    return;
                }
            }
            String refused = next.reloadCluster(current);
            if (refused != null) {
                LOG.error("Failed to reload server configuration: {}", refused);
                return;
            }
        }
        try {
            apply(next);
            current = next;
            LOG.info("Reloaded server configuration");
        } catch (IOException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
        }
    }

    /** The command line's authentication (--user/--pass, --auth), TLS and cluster flags over the file's. */
    private void withFlags(NatsConfig c) {
        c.authenticateWith(context.getProperty(LaunchProperties.AUTH_USER), context.getProperty(LaunchProperties.AUTH_PASS),
                context.getProperty(LaunchProperties.AUTH_TOKEN));
        if (Boolean.parseBoolean(context.getProperty(LaunchProperties.TLS_FLAGS))) {
            String cert = context.getProperty(LaunchProperties.TLS_PREFIX + "cert_file");
            String verify = context.getProperty(LaunchProperties.TLS_PREFIX + "verify");
            c.tlsWith(cert != null, cert, context.getProperty(LaunchProperties.TLS_PREFIX + "key_file"),
                    verify == null ? null : Boolean.valueOf(verify), context.getProperty(LaunchProperties.TLS_PREFIX + "ca_file"));
        }
        Map<String, String> cluster = new LinkedHashMap<>();
        for (String flag : NatsConfig.CLUSTER_FLAGS) {
            String value = context.getProperty(LaunchProperties.CLUSTER_FLAG_PREFIX + flag);
            if (value != null) {
                cluster.put(flag, value);
            }
        }
        String error = c.clusterWith(cluster);
        if (error != null) {
            LOG.error("{}", error); // the launcher refuses these flags before it starts the framework
        }
    }

    /**
     * Config Admin keeps configurations across restarts (in the bundle cache): what an earlier run's file (or
     * command line) set and this run's does not, goes. A PID this run sets again is left for {@link #apply} to
     * overwrite, never deleted first: a deletion followed at once by a new configuration of the same PID can reach
     * Declarative Services as the deletion alone (the new configuration's change count is not above the old one's),
     * and the component would keep running with the earlier run's values.
     */
    private void forgetStale(NatsConfig now) throws IOException, org.osgi.framework.InvalidSyntaxException {
        Configuration[] owned = configAdmin.listConfigurations("(" + SOURCE + "=*)");
        if (owned == null) {
            return;
        }
        for (Configuration c : owned) {
            boolean keep = now != null && now.configurations().containsKey(key(c));
            if (!keep) {
                c.delete();
            }
        }
    }

    /** Writes every PID's properties; a PID this file set before and no longer sets goes back to its defaults. */
    private void apply(NatsConfig c) throws IOException {
        for (Map.Entry<String, Map<String, Object>> e : c.configurations().entrySet()) {
            Dictionary<String, Object> props = new Hashtable<>(e.getValue());
            props.put(SOURCE, source(c));
            configuration(e.getKey()).updateIfDifferent(props);
        }
        if (current != null) {
            for (String pid : current.configurations().keySet()) {
                if (!c.configurations().containsKey(pid)) {
                    Configuration old = configuration(pid);
                    if (old.getProperties() != null && source(c).equals(old.getProperties().get(SOURCE))) {
                        old.delete();
                    }
                }
            }
        }
    }

    /** "pid" or "factoryPid~name" (a named factory configuration). */
    private Configuration configuration(String key) throws IOException {
        int tilde = key.indexOf('~');
        return tilde < 0 ? configAdmin.getConfiguration(key, "?")
                : configAdmin.getFactoryConfiguration(key.substring(0, tilde), key.substring(tilde + 1), "?");
    }

    private static String key(Configuration c) {
        return c.getPid(); // a named factory configuration's PID is "factoryPid~name"
    }

    private static String source(NatsConfig c) {
        return c.file() == null ? "command line" : c.file().toString();
    }
}
