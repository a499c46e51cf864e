package io.dialtone.webconsole.internal;

import io.dialtone.api.launch.LaunchProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the HTTP service and the Felix Web Console on when a monitoring port is given ({@code -m}), bound to the
 * listen address. On an address other than loopback the console needs a configured password: without one it stays
 * off and the log says why, so no {@code admin/admin} console ever listens on a network.
 */
@Component(configurationPid = ConsoleActivation.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ConsoleActivation.Config.class)
public final class ConsoleActivation {

    /** The configuration PID; stable once released. */
    public static final String PID = "io.dialtone.webconsole";

    static final String HTTP_PID = "org.apache.felix.http";
    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";

    @ObjectClassDefinition(name = "Dialtone Web Console", description = "Where the Felix Web Console listens and who may log in.")
    public @interface Config {
        @AttributeDefinition(description = "HTTP port; -1 = the -m flag; 0 = off.")
        int http__port() default -1;

        @AttributeDefinition(description = "Listen address; default: the -a flag, else 0.0.0.0.")
        String host() default "";

        @AttributeDefinition(description = "Console user name.")
        String username() default "admin";

        @AttributeDefinition(description = "Console password. Required unless the console listens on loopback only.",
                type = AttributeType.PASSWORD)
        String password() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleActivation.class);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public ConsoleActivation(BundleContext context, @Reference ConfigurationAdmin configAdmin, Config config)
            throws IOException {
        this.context = context;
        this.configAdmin = configAdmin;
        apply(config);
    }

    @Modified
    void modified(Config config) throws IOException {
        apply(config);
    }

    private void apply(Config config) throws IOException {
        int port = config.http__port() >= 0 ? config.http__port() : parse(context.getProperty(LaunchProperties.HTTP_PORT));
        String host = first(config.host(), context.getProperty(LaunchProperties.HOST), "0.0.0.0");
        Decision decision = decide(port, host, config.password());
        Dictionary<String, Object> http = new Hashtable<>();
        http.put("org.apache.felix.http.enable", decision.on);
        if (decision.on) {
            http.put("org.osgi.service.http.port", port);
            http.put("org.apache.felix.http.host", host);
            Dictionary<String, Object> console = new Hashtable<>();
            console.put("username", config.username());
            if (!config.password().isEmpty()) {
                console.put("password", config.password());
            }
            update(CONSOLE_PID, console);
        }
        update(HTTP_PID, http);
        if (decision.reason != null) {
            LOG.warn("{}", decision.reason);
        }
        if (decision.on) {
            LOG.info("Web Console on http://{}:{}/system/console", host, port);
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

    private void update(String pid, Dictionary<String, Object> props) throws IOException {
        Configuration c = configAdmin.getConfiguration(pid, "?");
        c.updateIfDifferent(props);
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
