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
import org.junit.jupiter.api.Test;

/**
 * The Felix Web Console on the -m port, and hot deployment into the distribution's deploy/ folder, seen through the
 * console's bundle list.
 */
class WebConsoleAndDeployTest extends DistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern STATUS = Pattern.compile("\"s\":\\[(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\]");

    @Test
    void theConsoleListsEveryBundleActiveAndSeesHotDeployment() throws Exception {
        int httpPort = Nats.freePort();
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1", "-m", Integer.toString(httpPort));
        server.awaitLine("Web Console on http://127.0.0.1:" + httpPort, WAIT);
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

    @Test
    void theConsoleStaysOffOnANetworkAddressWithoutAPassword() throws Exception {
        int httpPort = Nats.freePort();
        Dialtone.Running server = dialtone.start("-a", "0.0.0.0", "-p", "-1", "-m", Integer.toString(httpPort));
        String why = server.awaitLine("Web Console not started", WAIT);
        assertTrue(why.contains("[WRN]") && why.contains("no console password is configured"), why);
        // monitoring still runs on the port (io.dialtone.monitor owns it), but the console is not served there
        HttpResponse<String> varz = awaitOk(httpPort, "/varz");
        assertTrue(varz.body().contains("\"server_id\""), varz.body());
        for (String console : new String[] {"/system/console", "/system/console/bundles.json"}) {
            assertEquals(404, WebConsole.get(httpPort, console, true).statusCode(), console + " is not served");
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
