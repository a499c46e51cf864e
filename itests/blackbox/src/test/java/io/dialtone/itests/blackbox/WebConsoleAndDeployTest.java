package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.dialtone.itests.support.Bundles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Felix Web Console on the -m port, and hot deployment into the distribution's deploy/ folder, seen through the
 * console's bundle list.
 */
class WebConsoleAndDeployTest extends DistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONSOLE_CONFIG = "deploy/io.dialtone.webconsole.config";
    private static final Pattern STATUS = Pattern.compile("\"s\":\\[(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\]");

    @AfterEach
    void noConsolePassword() throws IOException {
        Files.deleteIfExists(dialtone.home.resolve(CONSOLE_CONFIG));
    }

    @Test
    void theConsoleListsEveryBundleActiveAndSeesHotDeployment() throws Exception {
        int httpPort = Nats.freePort();
        Dialtone.Running server = WebConsole.start(dialtone, httpPort);
        String bundles = awaitBundles(httpPort, json -> json.contains("\"s\":["));
        Matcher s = STATUS.matcher(bundles);
        assertTrue(s.find(), bundles);
        int total = Integer.parseInt(s.group(1));
        int active = Integer.parseInt(s.group(2));
        int fragments = Integer.parseInt(s.group(3));
        assertEquals(total, active + fragments, "every bundle active (fragments resolved): " + bundles);
        assertTrue(bundles.contains("\"symbolicName\":\"io.dialtone.core\""), bundles);

        Path jar = dialtone.home.resolve("deploy/hot.jar");
        Bundles.write(jar, "io.dialtone.itests.hot");
        awaitBundles(httpPort, json -> json.matches("(?s).*\"state\":\"Active\"[^}]*\"symbolicName\":\"io.dialtone.itests.hot\".*")
                || json.matches("(?s).*\"symbolicName\":\"io.dialtone.itests.hot\"[^}]*\"state\":\"Active\".*"));
        Files.delete(jar);
        awaitBundles(httpPort, json -> !json.contains("io.dialtone.itests.hot"));

        Files.writeString(dialtone.home.resolve("deploy/broken.jar"), "not a zip", StandardCharsets.US_ASCII);
        String broken = server.awaitLine("broken.jar", WAIT);
        assertTrue(broken.contains("[ERR] Ignoring ") && broken.contains("it is not a readable jar"), broken);
        Files.writeString(dialtone.home.resolve("deploy/io.dialtone.bad.config"), "max_payload=I\"abc\n",
                StandardCharsets.US_ASCII);
        String badConfig = server.awaitLine("io.dialtone.bad.config", WAIT);
        assertTrue(badConfig.contains("it is not a valid .config file"), badConfig);
        assertTrue(Nats.greeting(server.clientPort()).startsWith("INFO {"), "the server is unharmed");
        assertEquals(0, server.terminate());
    }

    /** No default credentials on any address: without a configured password nothing of the console is served. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0"})
    void theConsoleIsOffWithoutAPassword(String address) throws Exception {
        int httpPort = Nats.freePort();
        Dialtone.Running server = dialtone.start("-a", address, "-p", "-1", "-m", Integer.toString(httpPort));
        String why = server.awaitLine("Web Console not started", WAIT);
        assertTrue(why.contains("[WRN]") && why.contains("no console password is configured"), why);
        // monitoring still runs on the port (io.dialtone.monitor owns it), but the console is not served there
        HttpResponse<String> varz = awaitOk(httpPort, "/varz");
        assertTrue(varz.body().contains("\"server_id\""), varz.body());
        for (String console : new String[] {"/system/console", "/system/console/bundles.json", "/system/console/nats"}) {
            assertEquals(404, WebConsole.status(httpPort, "GET " + console, WebConsole.basic("admin", "admin")),
                    console + " is not served, not even to Felix's default login");
        }
        assertEquals(0, server.terminate());
    }

    /**
     * A password in deploy/ before the start holds from the first request: polled from the moment the process starts,
     * Felix's admin/admin never gets in, and the configured login is never refused by Dialtone. While the Felix console
     * registers itself (and re-registers once its own configuration arrives) it may, for a moment, answer 404, 500
     * ("Servlet has been unregistered") or its own 401; those are allowed until the first 200 and never after. Then the
     * console's refusals: a Host that names another server (DNS rebinding), a state-changing request from another
     * origin, a bundle installed over HTTP.
     */
    @Test
    void aPasswordConfiguredBeforeTheStartHoldsFromTheFirstRequest() throws Exception {
        int httpPort = Nats.freePort();
        WebConsole.enable(dialtone.home);
        Dialtone.Running server = dialtone.launch("-a", "127.0.0.1", "-p", "-1", "-m", Integer.toString(httpPort));
        String good = WebConsole.basic(WebConsole.USER, WebConsole.PASSWORD);
        String felixDefault = WebConsole.basic("admin", "admin");
        String bundles = "GET /system/console/bundles.json";
        long deadline = System.nanoTime() + WAIT.toNanos();
        String answer = null;
        while (answer == null || !answer.startsWith("HTTP/1.1 200")) {
            assertTrue(System.nanoTime() < deadline, "the console did not come up; last answer " + answer);
            int withDefault = WebConsole.status(httpPort, bundles, felixDefault);
            assertTrue(withDefault == -1 || withDefault == 404 || withDefault == 401 || withDefault == 500,
                    "admin/admin got " + withDefault);
            answer = WebConsole.head(httpPort, bundles, good);
            String a = answer;
            assertTrue(a == null || a.matches("HTTP/1.1 (200|404|500) (?s).*")
                    || a.startsWith("HTTP/1.1 401") && a.contains("realm=\"OSGi Management Console\""),
                    () -> "the configured login got " + a);
            Thread.sleep(20); // polling interval
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(200, WebConsole.status(httpPort, bundles, good), "once served, always served");
        }
        server.awaitLine("Web Console on http://127.0.0.1:" + httpPort, WAIT);
        assertEquals(401, WebConsole.status(httpPort, "GET /system/console/bundles.json", felixDefault));
        assertEquals(401, WebConsole.status(httpPort, "GET /system/console/bundles.json", null));

        // DNS rebinding: the attacker's name in Host, even with the right credentials
        assertEquals(403, WebConsole.status(httpPort, "GET /system/console/bundles.json", good,
                "Host: attacker.example:" + httpPort));
        assertEquals(200, WebConsole.status(httpPort, "GET /system/console/bundles.json", good,
                "Host: localhost:" + httpPort));
        // a form posted from another origin
        String stop = "POST /system/console/bundles/io.dialtone.example.guest";
        for (String foreign : new String[] {"Origin: http://attacker.example", "Origin: null",
                "Referer: http://attacker.example/page.html", "Sec-Fetch-Site: cross-site"}) {
            assertEquals(403, WebConsole.status(httpPort, stop, good, foreign,
                    "Content-Type: application/x-www-form-urlencoded", "", "action=refreshPackages"), foreign);
        }
        String refused = server.awaitLine("Web Console refused POST", WAIT);
        assertTrue(refused.contains("[WRN]") && refused.contains("attacker.example"), refused);
        // a bundle installed over HTTP, from the console's own origin and with the right login
        String jar = "PK\u0003\u0004 not really a jar";
        String boundary = "dialtoneboundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ninstall\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlestart\"\r\n\r\nstart\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlefile\"; filename=\"x.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n" + jar + "\r\n--" + boundary + "--\r\n";
        for (String install : new String[] {"/system/console/bundles", "/system/console/install"}) {
            assertEquals(403, WebConsole.status(httpPort, "POST " + install, good,
                    "Origin: http://127.0.0.1:" + httpPort, "Content-Type: multipart/form-data; boundary=" + boundary,
                    "", body), install);
        }
        server.awaitLine("installing bundles over HTTP is off", WAIT);
        assertEquals(0, server.terminate());
    }

    /**
     * A .config dropped in malformed and then fixed in place is applied without being touched again, and the log never
     * says it is gone while it is there; a .cfg that is not key=value lines is refused with a log line instead of
     * silently becoming a configuration.
     */
    @Test
    void aConfigFileFixedInPlaceIsAppliedAndAGarbageCfgIsRefused() throws Exception {
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1");
        int port = server.clientPort();
        Path config = dialtone.home.resolve("deploy/io.dialtone.server.config");
        try {
            Files.writeString(config, "max_payload=I\"abc\n", StandardCharsets.US_ASCII);
            String refused = server.awaitLine("io.dialtone.server.config: it is not a valid .config file", WAIT);
            assertTrue(refused.contains("[ERR] Ignoring "), refused);
            Files.writeString(config, "max_payload=I\"2048\"\n", StandardCharsets.US_ASCII);
            server.awaitLine("io.dialtone.server.config is usable now: applied as configuration io.dialtone.server",
                    WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Nats.greeting(port).contains("\"max_payload\":2048")) {
                assertTrue(System.nanoTime() < deadline, "max_payload 2048 never applied: " + Nats.greeting(port));
                Thread.sleep(50); // polling interval
            }
            assertTrue(server.lines.stream().noneMatch(l -> l.contains("is gone from the deploy folder")),
                    String.join("\n", server.lines));
            Files.writeString(config, "max_payload=I\"4096\"\n", StandardCharsets.US_ASCII); // a later edit applies
            while (!Nats.greeting(port).contains("\"max_payload\":4096")) {
                assertTrue(System.nanoTime() < deadline, "the later edit never applied: " + Nats.greeting(port));
                Thread.sleep(50); // polling interval
            }
            Files.delete(config); // and deleting the file deletes its configuration
            while (!Nats.greeting(port).contains("\"max_payload\":1048576")) {
                assertTrue(System.nanoTime() < deadline, "max_payload not back to its default: " + Nats.greeting(port));
                Thread.sleep(50); // polling interval
            }

            Files.writeString(dialtone.home.resolve("deploy/bad.cfg"), "garbage\n", StandardCharsets.US_ASCII);
            String garbage = server.awaitLine("bad.cfg", WAIT);
            assertTrue(garbage.contains("[ERR] Ignoring ") && garbage.contains("line 1 is not key=value"), garbage);
        } finally {
            Files.deleteIfExists(config);
            Files.deleteIfExists(dialtone.home.resolve("deploy/bad.cfg"));
        }
        assertEquals(0, server.terminate());
    }

    private HttpResponse<String> awaitOk(int port, String path) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = WebConsole.get(port, path, false);
                if (r.statusCode() == 200) {
                    return r;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError(path + " not served within " + WAIT + "; last answer: " + last);
    }

    private String awaitBundles(int port, java.util.function.Predicate<String> condition) throws Exception {
        return WebConsole.await(port, "/system/console/bundles.json", condition, WAIT);
    }
}
