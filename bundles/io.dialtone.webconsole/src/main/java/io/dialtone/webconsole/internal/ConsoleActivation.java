package io.dialtone.webconsole.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.dialtone.api.config.ConfigurationPids;
import java.io.IOException;
import java.util.Base64;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Set;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console's only way in, and its policy. The HTTP server on the {@code -m} port belongs to io.dialtone.monitor
 * ({@link HttpEndpoint}); this component is the console's security provider for as long as this bundle runs. The
 * framework property {@value ConsoleSecurity#REQUIRED_PROPERTY} makes the console wait for it, and it ranks above
 * Felix's built-in admin/admin provider, so that one is never consulted. It is registered once and never replaced
 * (a configuration change swaps what it checks, not the service), because the console falls back to Felix's provider
 * whenever it finds none of ours. There are no default credentials: without a configured password every console
 * request is answered 404, as if there were no console; with one, every request passes {@link ConsoleGuard}. A
 * configuration that arrives or changes later (a file in {@code deploy/}, the console's own page) holds from the next
 * request.
 * <p>
 * The console's own choice of provider is not enough: while it (re)opens its tracker of providers after a
 * configuration update it can, for a moment, pick Felix's admin/admin provider (seen here during start-up). So the same
 * checks also run as a servlet whiteboard {@link Preprocessor}, ahead of every context: a request for a console path
 * reaches the console only after it passed them, whatever provider the console then asks. And so that Felix's provider,
 * when asked in that moment, accepts the same login and nothing else, the console's own configuration ({@value
 * #CONSOLE_PID}) gets the configured user and the password's SHA-256 hash.
 */
@Component(service = {SecurityProvider.class, Preprocessor.class}, configurationPid = ConsoleActivation.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        property = {SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurity.ID,
            Constants.SERVICE_RANKING + ":Integer=" + Integer.MAX_VALUE})
@Designate(ocd = ConsoleActivation.Config.class)
public final class ConsoleActivation implements SecurityProvider, Preprocessor {

    /** The Felix Web Console's own configuration. */
    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    /** A password hash no password has (SHA-256 is not all zeros for any input anyone can find). */
    static final String UNMATCHABLE = "{sha-256}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    /** The console's root path (Felix's default {@code felix.webconsole.manager.root}). */
    static final String ROOT = "/system/console";

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.WEBCONSOLE;

    @ObjectClassDefinition(name = "Dialtone Web Console",
            description = "Who may log in to the Felix Web Console, and from where.")
    public @interface Config {
        @AttributeDefinition(description = "Console user name.")
        String username() default "admin";

        @AttributeDefinition(description = "Console password. The console is off until one is configured.",
                type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "Host names (besides loopback names, IP addresses and the configured "
                + "HTTP host) under which browsers may reach the console; any other Host header is refused.")
        String[] allowed_hosts() default {};

        @AttributeDefinition(description = "Whether bundles may be installed through the console (off: drop them "
                + "into deploy/ instead).")
        boolean allow_bundle_install() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleActivation.class);

    /** Optional so that nothing about the HTTP server ever takes the gate away. */
    private volatile HttpEndpoint http;
    /** The configuration last applied, applied again when the HTTP endpoint arrives (for the log lines). */
    private Config config;
    @Reference
    private ConfigurationAdmin configAdmin;
    /** What each request passes; null while no password is configured (the console is off). */
    private volatile ConsoleSecurity security;

    @Activate
    void activate(Config config) {
        apply(config);
    }

    @Reference(name = "http", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindHttp(HttpEndpoint endpoint) {
        http = endpoint;
        if (config != null) {
            apply(config);
        }
    }

    synchronized void unbindHttp(HttpEndpoint endpoint) {
        if (http == endpoint) {
            http = null;
        }
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    private synchronized void apply(Config config) {
        this.config = config;
        HttpEndpoint at = http;
        int port = at == null ? 0 : at.port;
        if (config.password().isEmpty()) {
            security = null;
            felixLogin(config.username(), UNMATCHABLE);
            if (port > 0) {
                LOG.warn("Web Console not started: no console password is configured (set 'password' in configuration "
                        + "{}, e.g. in deploy/{}.config)", PID, PID);
            }
            return;
        }
        Set<String> hosts = new HashSet<>();
        for (String h : config.allowed_hosts()) {
            hosts.add(h.trim().toLowerCase(Locale.ROOT));
        }
        security = new ConsoleSecurity(new ConsoleGuard(config.username(), config.password(), hosts,
                config.allow_bundle_install()));
        felixLogin(config.username(),
                "{sha-256}" + Base64.getEncoder().encodeToString(ConsoleGuard.sha256(config.password())));
        if (port > 0) {
            LOG.info("Web Console on http://{}:{}/system/console", at.host, port);
        }
    }

    /** Felix's own login, for the moments the console asks its built-in provider: ours, or one nobody has. */
    private void felixLogin(String username, String passwordHash) {
        Dictionary<String, Object> felix = new Hashtable<>();
        felix.put("username", username);
        felix.put("password", passwordHash);
        try {
            configAdmin.getConfiguration(CONSOLE_PID, "?").updateIfDifferent(felix);
        } catch (IOException e) {
            LOG.error("Could not configure the Felix Web Console's login: {}", e.toString());
        }
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        ConsoleSecurity s = security;
        if (s == null) {
            try {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Could not answer a Web Console request: {}", e.toString());
            }
            return null;
        }
        HttpEndpoint at = http;
        return s.authenticate(request, response, at == null ? null : at.host);
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest r && response instanceof HttpServletResponse w) {
            String below = belowRoot(r.getServletPath(), r.getPathInfo());
            if (below != null && authenticate(new ConsolePath(r, below), w) == null) {
                return; // refused, and answered
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    /**
     * The path below the console's root of a request the dispatcher routes by {@code servletPath + pathInfo} (decoded
     * and normalised, not the raw URI: {@code /%73ystem/console} is the console), or null when it is not the console's.
     */
    static String belowRoot(String servletPath, String pathInfo) {
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.equals(ROOT) || path.startsWith(ROOT + "/") ? path.substring(ROOT.length()) : null;
    }

    /** A request seen by the preprocessor, with the console-relative path the console itself would see. */
    private static final class ConsolePath extends HttpServletRequestWrapper {
        private final String path;

        ConsolePath(HttpServletRequest request, String path) {
            super(request);
            this.path = path.isEmpty() ? null : path;
        }

        @Override
        public String getPathInfo() {
            return path;
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null && security != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // basic authentication keeps no session: the browser forgets the credentials when it is closed
    }
}
