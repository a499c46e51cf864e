package io.dialtone.webconsole.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured console login: each request passes {@link ConsoleGuard}; a refused one is answered here (401 with a
 * challenge, or 403 with the reason, which is also logged). {@link ConsoleActivation} holds the current one.
 */
final class ConsoleSecurity {

    /** The id under which the console requires this provider ({@code webconsole.security.provider.id}). */
    static final String ID = "dialtone";
    /** The framework property with which the Web Console waits for required providers. */
    static final String REQUIRED_PROPERTY = "felix.webconsole.security.providers";
    static final String REALM = "Dialtone Web Console";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurity.class);

    /** At most this many refusal lines per window; the rest are counted and summed up in the next window. */
    private static final int LINES_PER_WINDOW = 20;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final int LOGGED_CHARS = 200;

    private final ConsoleGuard guard;
    private long windowStart = System.nanoTime();
    private int logged;
    private int suppressed;

    ConsoleSecurity(ConsoleGuard guard) {
        this.guard = guard;
    }

    /** The user the request logs in as, or null when it was refused (and answered). */
    Object authenticate(HttpServletRequest request, HttpServletResponse response, String httpHost) {
        ConsoleGuard.Verdict v = guard.check(request.getScheme(), request.getMethod(), request.getPathInfo(),
                httpHost, request::getHeader, () -> request.getParameter("action"));
        if (v.allowed()) {
            // the console's pages are not to be framed by another site (clickjacking)
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
            return v.user();
        }
        try {
            if (v.status() == ConsoleGuard.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                if (mayLog()) {
                    // refusals come before any login: a bounded number of lines, each value cut short
                    LOG.warn("Web Console refused {} {} from {}: {}", request.getMethod(),
                            cut(request.getRequestURI()), request.getRemoteAddr(), cut(v.reason()));
                }
                response.sendError(HttpServletResponse.SC_FORBIDDEN, v.reason());
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not answer a refused Web Console request: {}", e.toString());
        }
        return null;
    }

    private static String cut(String s) {
        return s == null || s.length() <= LOGGED_CHARS ? s : s.substring(0, LOGGED_CHARS) + "...";
    }

    private synchronized boolean mayLog() {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            if (suppressed > 0) {
                LOG.warn("Web Console refused {} more requests that were not logged", suppressed);
            }
            windowStart = now;
            logged = 0;
            suppressed = 0;
        }
        if (logged < LINES_PER_WINDOW) {
            logged++;
            return true;
        }
        suppressed++;
        return false;
    }
}
