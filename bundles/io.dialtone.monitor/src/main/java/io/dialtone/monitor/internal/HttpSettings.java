package io.dialtone.monitor.internal;

import io.dialtone.api.launch.LaunchProperties;
import org.osgi.framework.BundleContext;

/**
 * Where the monitoring HTTP server listens: the {@code io.dialtone.monitor} configuration where it says so, else the
 * launcher's {@code -m} and {@code -a} flags.
 *
 * @param port the port; 0 or less is off
 * @param host the listen address
 */
record HttpSettings(int port, String host) {

    static HttpSettings of(HttpActivation.Config config, BundleContext context) {
        int port = config.http__port() >= 0 ? config.http__port() : parse(context.getProperty(LaunchProperties.HTTP_PORT));
        String host = !config.host().isEmpty() ? config.host() : context.getProperty(LaunchProperties.HOST);
        return new HttpSettings(port, host == null || host.isEmpty() ? "0.0.0.0" : host);
    }

    boolean on() {
        return port > 0;
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
