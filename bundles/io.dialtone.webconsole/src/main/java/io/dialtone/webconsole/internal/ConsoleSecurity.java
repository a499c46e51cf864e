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

    private final ConsoleGuard guard;

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
                LOG.warn("Web Console refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
                        request.getRemoteAddr(), v.reason());
                response.sendError(HttpServletResponse.SC_FORBIDDEN, v.reason());
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not answer a refused Web Console request: {}", e.toString());
        }
        return null;
    }
}
