package io.dialtone.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleGuardTest {

    private static final String GOOD = basic("admin", "s3cret");
    private final ConsoleGuard guard = new ConsoleGuard("admin", "s3cret", Set.of("console.example"), false);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private ConsoleGuard.Verdict check(ConsoleGuard g, String method, String path, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return g.check("http", method, path, "monitor.example", h::get, () -> h.get("action"));
    }

    private ConsoleGuard.Verdict check(String method, String path, String... headers) {
        return check(guard, method, path, headers);
    }

    @Test
    void noPasswordNoConsole() {
        assertThrows(IllegalArgumentException.class, () -> new ConsoleGuard("admin", "", Set.of(), false));
    }

    @Test
    void theConfiguredCredentialsAndNoOthers() {
        assertTrue(check("GET", "/bundles", "Host", "127.0.0.1:8222", "Authorization", GOOD).allowed());
        assertEquals("admin", check("GET", "/bundles", "Authorization", GOOD).user());
        for (String bad : new String[] {basic("admin", "admin"), basic("admin", "s3cre"), basic("root", "s3cret"),
                basic("admin", "s3cret "), "Basic !!!", "Basic " + Base64.getEncoder().encodeToString(new byte[] {1}),
                "Bearer s3cret"}) {
            ConsoleGuard.Verdict v = check("GET", "/bundles", "Host", "127.0.0.1:8222", "Authorization", bad);
            assertEquals(ConsoleGuard.UNAUTHORIZED, v.status(), bad);
        }
        assertEquals(ConsoleGuard.UNAUTHORIZED, check("GET", "/bundles", "Host", "localhost:8222").status());
        assertTrue(check(new ConsoleGuard("admin", "pa:ss", Set.of(), false), "GET", "/", "Authorization",
                basic("admin", "pa:ss")).allowed(), "a colon in the password");
    }

    @Test
    void aHostThatDoesNotNameThisServerIsRefusedEvenWithCredentials() {
        for (String host : new String[] {"attacker.example", "attacker.example:8222", "localhost.attacker.example",
                "127.0.0.1.nip.io:8222"}) {
            ConsoleGuard.Verdict v = check("GET", "/bundles", "Host", host, "Authorization", GOOD);
            assertEquals(ConsoleGuard.FORBIDDEN, v.status(), host);
            assertTrue(v.reason().contains("does not name this server"), v.reason());
        }
        for (String host : new String[] {"localhost:8222", "LOCALHOST", "console.localhost:1", "127.0.0.1",
                "10.1.2.3:8222", "[::1]:8222", "[fe80::1%25eth0]:8222", "console.example:8222", "Console.Example", "monitor.example:8222"}) {
            assertTrue(check("GET", "/bundles", "Host", host, "Authorization", GOOD).allowed(), host);
        }
    }

    @Test
    void aStateChangingRequestFromAnotherOriginIsRefusedBeforeItsCredentialsAreLookedAt() {
        String host = "127.0.0.1:8222";
        for (String[] foreign : new String[][] {{"Origin", "http://attacker.example"},
                {"Origin", "http://127.0.0.1:8223"}, {"Origin", "https://127.0.0.1:8222"}, {"Origin", "null"},
                {"Referer", "http://attacker.example/page"}, {"Sec-Fetch-Site", "cross-site"},
                {"Sec-Fetch-Site", "same-site"}}) {
            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
                ConsoleGuard.Verdict v = check(method, "/configMgr/io.dialtone.server", "Host", host,
                        "Authorization", GOOD, foreign[0], foreign[1]);
                assertEquals(ConsoleGuard.FORBIDDEN, v.status(), method + " " + foreign[0] + ": " + foreign[1]);
            }
            assertTrue(check("GET", "/bundles", "Host", host, "Authorization", GOOD, foreign[0], foreign[1])
                    .allowed(), "reading is no change: " + foreign[1]);
        }
        assertTrue(check("POST", "/bundles/1", "Host", host, "Authorization", GOOD, "Origin",
                "http://127.0.0.1:8222", "Referer", "http://elsewhere.example/").allowed(),
                "Origin decides when both are sent");
    }

    @Test
    void aStateChangingRequestFromTheConsoleItselfOrFromNoBrowserPasses() {
        String host = "127.0.0.1:8222";
        assertTrue(check("POST", "/bundles/1", "Host", host, "Authorization", GOOD, "Origin", "http://127.0.0.1:8222")
                .allowed());
        assertTrue(check("POST", "/bundles/1", "Host", host, "Authorization", GOOD, "Referer",
                "http://127.0.0.1:8222/system/console/bundles").allowed());
        assertTrue(check("POST", "/bundles/1", "Host", host, "Authorization", GOOD, "Sec-Fetch-Site", "same-origin",
                "Origin", "http://127.0.0.1:8222").allowed());
        assertTrue(check("POST", "/bundles/1", "Host", "localhost", "Authorization", GOOD, "Origin",
                "http://localhost").allowed(), "default port on both sides");
        assertTrue(check("POST", "/bundles/1", "Host", host, "Authorization", GOOD).allowed(), "curl");
        assertEquals(ConsoleGuard.UNAUTHORIZED, check("POST", "/bundles/1", "Host", host, "Origin",
                "http://127.0.0.1:8222").status(), "same origin still needs credentials");
    }

    @Test
    void installingABundleOverHttpIsOffUnlessConfigured() {
        String host = "127.0.0.1:8222";
        ConsoleGuard.Verdict upload = check("POST", "/bundles", "Host", host, "Authorization", GOOD,
                "Content-Type", "multipart/form-data; boundary=x");
        assertEquals(ConsoleGuard.FORBIDDEN, upload.status());
        assertTrue(upload.reason().contains("allow_bundle_install"), upload.reason());
        assertEquals(ConsoleGuard.FORBIDDEN, check("POST", "/bundles", "Host", host, "Authorization", GOOD,
                "action", "install").status());
        assertEquals(ConsoleGuard.FORBIDDEN, check("POST", "/bundles.json", "Host", host, "Authorization", GOOD,
                "Content-Type", "multipart/form-data").status());
        assertTrue(check("POST", "/bundles/12", "Host", host, "Authorization", GOOD, "action", "stop").allowed());
        assertTrue(check("POST", "/configMgr/x", "Host", host, "Authorization", GOOD, "Content-Type",
                "multipart/form-data").allowed(), "only the bundle list installs");
        for (String path : new String[] {"/install", "/install/x", "/install.json", "/bundles/upload"}) {
            assertEquals(ConsoleGuard.FORBIDDEN, check("POST", path, "Host", host, "Authorization", GOOD,
                    "Content-Type", "multipart/form-data; boundary=x").status(), path);
            assertEquals(ConsoleGuard.FORBIDDEN, check("POST", path, "Host", host, "Authorization", GOOD,
                    "action", "install").status(), path);
        }
        assertTrue(check("POST", "/installer", "Host", host, "Authorization", GOOD, "action", "install").allowed(),
                "another label");
        ConsoleGuard open = new ConsoleGuard("admin", "s3cret", Set.of(), true);
        assertTrue(check(open, "POST", "/bundles", "Host", host, "Authorization", GOOD, "Content-Type",
                "multipart/form-data").allowed());
    }

    @Test
    void theConsolePathIsTheDecodedPathTheDispatcherRoutes() {
        assertEquals("/bundles.json", ConsoleActivation.belowRoot("/system/console", "/bundles.json"));
        assertEquals("/bundles.json", ConsoleActivation.belowRoot("", "/system/console/bundles.json"));
        assertEquals("", ConsoleActivation.belowRoot("/system/console", null));
        assertEquals(null, ConsoleActivation.belowRoot("", "/varz"));
        assertEquals(null, ConsoleActivation.belowRoot("/system/consoles", null));
        assertEquals("install", ConsoleGuard.label("/install.json"));
        assertEquals("bundles", ConsoleGuard.label("/bundles/12"));
        assertEquals("", ConsoleGuard.label(null));
    }

    @Test
    void hostNamesAndLiterals() {
        assertEquals("::1", ConsoleGuard.hostName("[::1]:8222"));
        assertEquals("example", ConsoleGuard.hostName("example:80"));
        assertTrue(ConsoleGuard.isIpLiteral("192.168.0.1"));
        assertTrue(ConsoleGuard.isIpLiteral("::1"));
        assertFalse(ConsoleGuard.isIpLiteral("256.1.1.1"));
        assertFalse(ConsoleGuard.isIpLiteral("1.2.3"));
        assertFalse(ConsoleGuard.isIpLiteral("cafe.example"));
        assertFalse(ConsoleGuard.isIpLiteral("dead:beef.example"));
        assertTrue(ConsoleGuard.sameOrigin("http://[::1]:8222", "http", "[::1]:8222"));
        assertFalse(ConsoleGuard.sameOrigin("http://127.0.0.1:8222", "http", null));
    }
}
