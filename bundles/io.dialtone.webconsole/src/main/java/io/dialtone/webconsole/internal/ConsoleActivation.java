package io.dialtone.webconsole.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.launch.LaunchProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console's policy. The HTTP server on the {@code -m} port belongs to io.dialtone.monitor (configuration
 * {@value #HTTP_SETTINGS_PID}); this component only decides whether the Felix Web Console may be served on it, and with
 * which credentials. On an address other than loopback the console needs a configured password: without one the
 * console bundle is stopped (transiently, so a restart decides again) and the log says why, so no {@code admin/admin}
 * console is ever reachable from a network. It is started again once the configuration allows it.
 */
@Component(configurationPid = {ConsoleActivation.HTTP_SETTINGS_PID, ConsoleActivation.PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ConsoleActivation {

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.WEBCONSOLE;
    /** The monitoring HTTP server's configuration (io.dialtone.monitor's), read for the port and the address. */
    static final String HTTP_SETTINGS_PID = ConfigurationPids.MONITOR;

    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    static final String CONSOLE_BSN = "org.apache.felix.webconsole";

    // designated through pid: @Designate wants a component with exactly one configuration PID
    @ObjectClassDefinition(pid = PID, name = "Dialtone Web Console",
            description = "Who may log in to the Felix Web Console.")
    public @interface Config {
        @AttributeDefinition(description = "Console user name.")
        String username() default "admin";

        @AttributeDefinition(description = "Console password. Required unless the console listens on loopback only.",
                type = AttributeType.PASSWORD)
        String password() default "";
    }

    /** Where the HTTP server listens: the attributes of io.dialtone.monitor's configuration, not designated here. */
    @interface Http {
        int http__port() default -1;

        String host() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleActivation.class);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    /** Stops the console again when something (the launcher, FileInstall, a user) starts it while it must stay off. */
    private final BundleListener keepOff = this::bundleChanged;
    private volatile boolean mustStayOff;

    @Activate
    public ConsoleActivation(BundleContext context, @Reference ConfigurationAdmin configAdmin, Config config, Http http)
            throws IOException {
        this.context = context;
        this.configAdmin = configAdmin;
        context.addBundleListener(keepOff);
        apply(config, http);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(keepOff);
    }

    private void bundleChanged(BundleEvent event) {
        if (mustStayOff && event.getType() == BundleEvent.STARTED
                && CONSOLE_BSN.equals(event.getBundle().getSymbolicName())) {
            setConsoleRunning(false);
        }
    }

    @Modified
    void modified(Config config, Http http) throws IOException {
        apply(config, http);
    }

    private void apply(Config config, Http http) throws IOException {
        int port = http.http__port() >= 0 ? http.http__port() : parse(context.getProperty(LaunchProperties.HTTP_PORT));
        String host = first(http.host(), context.getProperty(LaunchProperties.HOST), "0.0.0.0");
        Decision decision = decide(port, host, config.password());
        if (decision.on) {
            Dictionary<String, Object> console = new Hashtable<>();
            console.put("username", config.username());
            if (!config.password().isEmpty()) {
                console.put("password", config.password());
            }
            configAdmin.getConfiguration(CONSOLE_PID, "?").updateIfDifferent(console);
        }
        mustStayOff = port > 0 && !decision.on;
        if (port > 0) {
            setConsoleRunning(decision.on);
        }
        if (decision.reason != null) {
            LOG.warn("{}", decision.reason);
        }
        if (decision.on) {
            LOG.info("Web Console on http://{}:{}/system/console", host, port);
        }
    }

    /** Starts or stops the console bundle, transiently: the persistent start setting stays as installed. */
    private void setConsoleRunning(boolean run) {
        for (Bundle b : context.getBundles()) {
            if (!CONSOLE_BSN.equals(b.getSymbolicName())) {
                continue;
            }
            try {
                if (run && b.getState() != Bundle.ACTIVE) {
                    b.start(Bundle.START_TRANSIENT);
                } else if (!run && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                    b.stop(Bundle.STOP_TRANSIENT);
                }
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not {} the Web Console bundle: {}", run ? "start" : "stop", e.toString());
            }
        }
    }

    /** Whether the console may run, and what the log should say about it. */
    static Decision decide(int port, String host, String password) {
        if (port <= 0) {
            return new Decision(false, null);
        }
        if (password.isEmpty() && !isLoopback(host)) {
            return new Decision(false, "Web Console not started: it would listen on " + host
                    + ", which is not a loopback address, and no console password is configured (set 'password' in "
                    + "configuration " + PID + ", e.g. in deploy/" + PID + ".config)");
        }
        if (password.isEmpty()) {
            return new Decision(true, "Web Console uses the default credentials admin/admin; it listens on loopback only");
        }
        return new Decision(true, null);
    }

    static final class Decision {
        final boolean on;
        final String reason;

        Decision(boolean on, String reason) {
            this.on = on;
            this.reason = reason;
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
