package io.dialtone.webconsole.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.launch.LaunchProperties;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * Where the monitoring HTTP server (io.dialtone.monitor's, which serves the console) listens: its configuration
 * {@value #PID} when there is one, else the launcher's {@code -m} and {@code -a}. A component of its own rather than a
 * second configuration PID of {@link ConsoleActivation}: Felix SCR 2.2.18 does not hand a two-PID component a
 * configuration that existed before it activated unless both PIDs have one, which is how a console password in
 * {@code deploy/} used to be ignored until the file was touched again. A change of the monitor's configuration
 * is taken by {@code @Modified}: the service is never replaced, and {@link ConsoleActivation} (which references it
 * optionally) never goes away with it.
 */
@Component(service = HttpEndpoint.class, configurationPid = HttpEndpoint.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class HttpEndpoint {

    /** The monitoring HTTP server's configuration (io.dialtone.monitor's); read here, designated there. */
    static final String PID = ConfigurationPids.MONITOR;

    @interface Http {
        int http__port() default -1;

        String host() default "";
    }

    private final BundleContext context;
    volatile int port;
    volatile String host;

    @Activate
    public HttpEndpoint(BundleContext context, Http http) {
        this.context = context;
        modified(http);
    }

    /** A changed monitor configuration is taken here, so the service (and the console's gate on it) stays. */
    @Modified
    void modified(Http http) {
        this.port = http.http__port() >= 0 ? http.http__port() : parse(context.getProperty(LaunchProperties.HTTP_PORT));
        this.host = first(http.host(), context.getProperty(LaunchProperties.HOST), "0.0.0.0");
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
