package io.dialtone.monitor.internal;

import io.dialtone.api.config.ConfigurationPids;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the HTTP server: switches Felix HTTP ({@code org.apache.felix.http}) on at the monitoring port whenever one is
 * given ({@code -m}, or {@code http_port} in {@value #PID}), bound to the listen address, and off otherwise. What is
 * served on it is decided elsewhere: the monitoring endpoints here, the Web Console by io.dialtone.webconsole's policy.
 */
@Component(configurationPid = HttpActivation.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
@Designate(ocd = HttpActivation.Config.class)
public final class HttpActivation {

    /** The configuration PID of the monitoring HTTP server; stable once released. */
    public static final String PID = ConfigurationPids.MONITOR;

    static final String HTTP_PID = "org.apache.felix.http";

    @ObjectClassDefinition(name = "Dialtone monitoring", description = "Where the monitoring HTTP server listens.")
    public @interface Config {
        @AttributeDefinition(description = "HTTP port; -1 = the -m flag; 0 = off.")
        int http__port() default -1;

        @AttributeDefinition(description = "Listen address; default: the -a flag, else 0.0.0.0.")
        String host() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpActivation.class);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public HttpActivation(BundleContext context, @Reference ConfigurationAdmin configAdmin, Config config)
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
        HttpSettings settings = HttpSettings.of(config, context);
        configAdmin.getConfiguration(HTTP_PID, "?").updateIfDifferent(felixHttp(settings));
        if (settings.on()) {
            LOG.info("Starting http monitor on {}:{}", settings.host(), settings.port());
        }
    }

    /** The Felix HTTP configuration for the settings. */
    static Dictionary<String, Object> felixHttp(HttpSettings settings) {
        Dictionary<String, Object> http = new Hashtable<>();
        http.put("org.apache.felix.http.enable", settings.on());
        if (settings.on()) {
            http.put("org.osgi.service.http.port", settings.port());
            http.put("org.apache.felix.http.host", settings.host());
        }
        return http;
    }
}
