package io.dialtone.webconsole.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides whether one request may reach the Web Console: the rules, free of the servlet API so that they are tested
 * on their own. In order:
 * <ol>
 * <li>the {@code Host} header must name this server: a loopback name, an IP literal, the configured HTTP host, or an
 * allowed host name; a DNS-rebinding page names its own domain and is refused;</li>
 * <li>a state-changing request (any method but GET, HEAD, OPTIONS, TRACE) must come from the console's own origin:
 * {@code Sec-Fetch-Site} if sent is {@code same-origin} or {@code none}, {@code Origin} if sent equals this
 * server's, else {@code Referer} if sent points at this server (a request with none of them comes from no browser);
 * </li>
 * <li>basic authentication with the configured user and password (compared in constant time);</li>
 * <li>installing a bundle over HTTP is refused unless configured.</li>
 * </ol>
 */
final class ConsoleGuard {

    /** What the guard decided: {@code status} 0 lets the request through as {@code user}. */
    record Verdict(int status, String reason, String user) {
        boolean allowed() {
            return status == 0;
        }
    }

    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String username;
    private final byte[] passwordDigest;
    private final Set<String> allowedHosts;
    private final boolean allowBundleInstall;

    /**
     * @param allowedHosts host names (lower case) a {@code Host} header may carry besides loopback names, IP
     *        literals and the HTTP server's own host
     */
    ConsoleGuard(String username, String password, Set<String> allowedHosts, boolean allowBundleInstall) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the Web Console needs a password");
        }
        this.username = username;
        this.passwordDigest = sha256(password);
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.allowBundleInstall = allowBundleInstall;
    }

    /**
     * @param scheme the request's scheme ({@code http} or {@code https})
     * @param method the HTTP method
     * @param path the path below the console's root ({@code /bundles}, {@code /nats/data.json}...)
     * @param httpHost the address the HTTP server listens on (a name there is allowed in {@code Host}), or null
     * @param header a request header by name, or null
     * @param action the request's {@code action} parameter, read only for a POST to the bundle list
     */
    Verdict check(String scheme, String method, String path, String httpHost, Function<String, String> header,
            Supplier<String> action) {
        String host = header.apply("Host");
        if (host != null && !hostAllowed(hostName(host), httpHost)) {
            return new Verdict(FORBIDDEN, "Host '" + host + "' does not name this server", null);
        }
        boolean changes = !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
        if (changes) {
            String foreign = foreignOrigin(scheme, host, header);
            if (foreign != null) {
                return new Verdict(FORBIDDEN, foreign, null);
            }
        }
        String user = authenticate(header.apply("Authorization"));
        if (user == null) {
            return new Verdict(UNAUTHORIZED, "credentials required", null);
        }
        if (changes && !allowBundleInstall && isBundleInstall(path, header.apply("Content-Type"), action)) {
            return new Verdict(FORBIDDEN, "installing bundles over HTTP is off (set allow_bundle_install in "
                    + ConsoleActivation.PID + ", or drop the bundle into deploy/)", null);
        }
        return new Verdict(0, null, user);
    }

    /** Why a state-changing request does not come from the console's own pages, or null when it does. */
    private static String foreignOrigin(String scheme, String host, Function<String, String> header) {
        String site = header.apply("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "a " + site + " request may not change anything";
        }
        String origin = header.apply("Origin");
        if (origin != null) {
            return sameOrigin(origin, scheme, host) ? null : "Origin '" + origin + "' is not this server";
        }
        String referer = header.apply("Referer");
        if (referer != null) {
            return sameOrigin(referer, scheme, host) ? null : "Referer '" + referer + "' is not this server";
        }
        return null;
    }

    /** Whether {@code url} (an Origin or a Referer) has the request's scheme, host and port. */
    static boolean sameOrigin(String url, String scheme, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getHost() == null || !u.getScheme().equalsIgnoreCase(scheme)) {
                return false;
            }
            int defaultPort = scheme.equalsIgnoreCase("https") ? 443 : 80;
            int port = u.getPort() < 0 ? defaultPort : u.getPort();
            int hostPort = hostPort(host, defaultPort);
            return port == hostPort && stripBrackets(u.getHost()).equalsIgnoreCase(hostName(host));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private boolean hostAllowed(String name, String httpHost) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("localhost") || n.endsWith(".localhost") || isIpLiteral(n) || allowedHosts.contains(n)
                || n.equalsIgnoreCase(httpHost);
    }

    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        boolean userOk = MessageDigest.isEqual(sha256(decoded.substring(0, colon)), sha256(username));
        boolean passwordOk = MessageDigest.isEqual(sha256(decoded.substring(colon + 1)), passwordDigest);
        return userOk && passwordOk ? username : null;
    }

    /**
     * Whether the request installs a bundle: the console sends both {@code /bundles} and {@code /install} (and any
     * {@code label.ext} of them) to its bundles plugin, which installs on a multipart POST or {@code action=install}.
     */
    private static boolean isBundleInstall(String path, String contentType, Supplier<String> action) {
        String label = label(path);
        if (!label.equals("bundles") && !label.equals("install")) {
            return false;
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return true;
        }
        return "install".equals(action.get());
    }

    /** The plugin label the console picks for a path: its first segment, up to the first dot. */
    static String label(String path) {
        if (path == null) {
            return "";
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        String segment = slash < 0 ? p : p.substring(0, slash);
        int dot = segment.indexOf('.');
        return dot < 0 ? segment : segment.substring(0, dot);
    }

    /** The host part of a {@code Host} header: without the port, IPv6 literals without brackets. */
    static String hostName(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static int hostPort(String host, int defaultPort) {
        String h = host.trim();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || (h.startsWith("[") && colon < h.indexOf(']'))) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An IPv4 dotted quad or an IPv6 literal (decided by its characters: no name lookup). */
    static boolean isIpLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            int zone = name.indexOf('%');
            return (zone < 0 ? name : name.substring(0, zone)).chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
