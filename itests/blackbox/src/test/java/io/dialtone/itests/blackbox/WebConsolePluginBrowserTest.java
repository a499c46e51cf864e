package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dialtone.itests.support.RawClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Web Console's NATS page in a real browser: Debian's headless Chromium, driven through chromedriver by Selenium,
 * logs in to the console of a running distribution (basic auth with the configured password, sent as a header through the
 * DevTools protocol), waits for the page's polling to show a live raw-socket client, tries the subject tester, checks
 * drops the example interceptor bundle into deploy/ and sees both of its interceptors listed with their counters,
 * checks that the browser logged no error (no JavaScript exception, no failed resource), and writes a screenshot to
 * {@code target/webconsole-nats.png}. Skipped when chromium or chromedriver is missing, unless
 * DIALTONE_REQUIRE_EXTERNALS=true (as in CI, whose .ci/run installs them): then it fails.
 */
class WebConsolePluginBrowserTest extends DistributionTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("dialtone.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("dialtone.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target/webconsole-nats.png");

    @Test
    void theNatsPageShowsALiveConnectionWithoutBrowserErrors() throws Exception {
        requireBrowser();
        int httpPort = Nats.freePort();
        Dialtone.Running server = WebConsole.start(dialtone, httpPort);

        try (RawClient client = RawClient.connect(server.clientPort())) {
            client.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"name\":\"browser-test\","
                    + "\"lang\":\"java\",\"version\":\"raw\"}\r\nSUB browser.test.* 1\r\n"
                    + "PUB browser.test.hello 5\r\nhello\r\n");
            String delivered = client.roundTrip(); // PING/PONG: the server has taken in all of the above
            assertTrue(delivered.contains("MSG browser.test.hello 1 5"), delivered);
            withBrowser(browser -> browse(browser, httpPort, client, server));
        }
        assertEquals(0, server.terminate());
    }

    /**
     * A browser logged in to the console (its Authorization header goes with every request, as a cached basic login
     * does) visits an attacker's page: the page's self-submitting form, which would set max_payload through the
     * console's configuration page, is refused (a foreign Origin), and so is the attacker's name in Host (DNS
     * rebinding); the server keeps its max_payload. The same form submitted from the console's own page does change
     * it, so the refusal is the origin's doing and not a malformed form's.
     */
    @Test
    void aPageFromAnotherOriginCannotUseTheBrowsersLogin() throws Exception {
        requireBrowser();
        int httpPort = Nats.freePort();
        Dialtone.Running server = WebConsole.start(dialtone, httpPort);
        int clientPort = server.clientPort();
        String action = "http://127.0.0.1:" + httpPort + "/system/console/configMgr/io.dialtone.server";
        String form = "<form method='POST' action='" + action + "'>"
                + "<input name='apply' value='true'><input name='action' value='ajaxConfigManager'>"
                + "<input name='propertylist' value='max_payload'><input name='max_payload' value='2048'></form>";
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] page = ("<html><body>" + form + "<script>document.forms[0].submit()</script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try {
            withBrowser(browser -> {
                login(browser);
                browser.get("http://attacker.example:" + attacker.getAddress().getPort() + "/");
                String refused = server.awaitLine("Web Console refused POST /system/console/configMgr/io.dialtone.server",
                        WAIT);
                // Chromium marks the form's request Sec-Fetch-Site: cross-site (and sends the attacker's Origin)
                assertTrue(refused.contains("a cross-site request may not change anything"), refused);
                browser.get("http://attacker.example:" + httpPort + "/system/console/bundles.json");
                String rebound = server.awaitLine("does not name this server", WAIT);
                assertTrue(rebound.contains("Host 'attacker.example:" + httpPort + "'"), rebound);
                assertFalse(browser.getPageSource().contains("symbolicName"), "no bundle list for a rebound name");
                assertEquals(1048576, maxPayload(clientPort), "the attacker's form changed nothing");

                browser.get("http://127.0.0.1:" + httpPort + "/system/console/configMgr");
                browser.executeScript("document.body.insertAdjacentHTML('beforeend', arguments[0]);"
                        + "document.forms[document.forms.length - 1].submit();", form);
                new WebDriverWait(browser, WAIT).withMessage("the console's own form sets max_payload")
                        .until(d -> maxPayload(clientPort) == 2048);
            });
        } finally {
            attacker.stop(0);
        }
        assertEquals(0, server.terminate());
    }

    private interface BrowserSession {
        void run(ChromeDriver browser) throws Exception;
    }

    private static void requireBrowser() {
        for (Path tool : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(tool)) {
                missingBrowser(tool + " is missing (Debian: apt-get install chromium chromium-driver)");
            }
        }
    }

    private static void withBrowser(BrowserSession session) throws Exception {
        Path profile = Files.createTempDirectory("dialtone-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        ChromeDriver browser = null;
        try {
            browser = new ChromeDriver(service, options(profile));
            session.run(browser);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            service.stop();
            delete(profile);
        }
    }

    /** Basic auth for every request the browser makes, whatever page makes it. */
    private static void login(ChromeDriver browser) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                WebConsole.basic(WebConsole.USER, WebConsole.PASSWORD))));
    }

    /** max_payload in the INFO a new client is greeted with. */
    private static int maxPayload(int clientPort) {
        try {
            Matcher m = Pattern.compile("\"max_payload\":(\\d+)").matcher(Nats.greeting(clientPort));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--host-resolver-rules=MAP attacker.example 127.0.0.1", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    private void browse(ChromeDriver browser, int httpPort, RawClient client, Dialtone.Running server)
            throws IOException, InterruptedException {
        // basic auth for every request of the page (document, scripts, styles, the JSON it polls)
        login(browser);
        browser.get("http://127.0.0.1:" + httpPort + "/system/console/nats");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        WebElement row = wait.withMessage("the connections table shows the client named browser-test")
                .until(d -> d.findElements(By.cssSelector("#nats-connections tbody tr")).stream()
                        .filter(tr -> tr.findElements(By.cssSelector("td.nats-conn-name")).stream()
                                .anyMatch(td -> td.getText().equals("browser-test")))
                        .findFirst().orElse(null));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertTrue(cells.get(1).startsWith("127.0.0.1:"), cells.toString());
        assertEquals("java raw", cells.get(3), cells.toString());
        assertEquals("1", cells.get(4), "one subscription: " + cells);
        assertEquals("1", cells.get(6), "one message in: " + cells);

        // a second snapshot gives the rates
        wait.withMessage("the overview shows a message rate")
                .until(d -> d.findElement(By.cssSelector("td[data-key='inMsgs'] .nats-rate")).getText()
                        .matches("\\(\\d+\\.\\d msgs/s\\)"));
        String serverId = browser.findElement(By.cssSelector("td[data-key='serverId']")).getText();
        assertEquals(56, serverId.length(), serverId);
        assertEquals(List.of("No interceptor is registered."), extensionRows(browser, "nats-interceptors"));
        assertEquals(List.of("No authenticator is registered: clients connect without credentials."),
                extensionRows(browser, "nats-authenticators"));

        // the subject tester asks the plugin which subscriptions a subject reaches
        WebElement tester = browser.findElement(By.id("nats-test"));
        tester.sendKeys("browser.test.other");
        wait.withMessage("the tester finds the wildcard subscription")
                .until(d -> d.findElement(By.id("nats-test-result")).getText().startsWith("\u2192 1 of 1")
                        && subscriptionSubjects(d).equals(List.of("browser.test.*")));
        tester.clear();
        tester.sendKeys("elsewhere");
        wait.withMessage("the tester finds nothing for a subject nobody subscribed to")
                .until(d -> d.findElement(By.id("nats-test-result")).getText().startsWith("\u2192 0 of 1"));
        tester.clear();
        tester.sendKeys("browser.test.hello");
        wait.withMessage("the tester is back to the matching subscription")
                .until(d -> subscriptionSubjects(d).equals(List.of("browser.test.*")));

        // a burst of messages shows as a peak in the chart
        client.send("PUB browser.test.burst 5\r\nhello\r\n".repeat(200));
        client.roundTrip();
        wait.withMessage("the chart shows the burst's rate")
                .until(d -> Double.parseDouble(d.findElement(By.id("nats-chart")).getDomAttribute("data-peak")) > 0);

        // an interceptor bundle dropped into deploy/ shows in the extensions section with its counters
        Path jar = dialtone.home.resolve("deploy/io.dialtone.example.stamp.jar.tmp");
        Files.copy(Path.of(System.getProperty("dialtone.example.stamp.jar")), jar);
        Files.move(jar, jar.resolveSibling("io.dialtone.example.stamp.jar"), StandardCopyOption.ATOMIC_MOVE);
        server.awaitLine("Publish interceptor io.dialtone.example.stamp.internal.StampInterceptor", WAIT);
        server.awaitLine("Delivery interceptor io.dialtone.example.stamp.internal.DeliveryStampInterceptor", WAIT);
        client.send("SUB stamp.> 2\r\nPUB stamp.browser 2\r\nhi\r\n");
        assertEquals("HMSG stamp.browser 2 78 80\nNATS/1.0\nX-Dialtone-Stamp: stamped\n"
                + "X-Dialtone-Delivered-To: browser-test\n\nhi\n", client.roundTrip(),
                "stamped as published and on delivery");
        wait.withMessage("the interceptors table lists both of the example's interceptors, each having changed one"
                + " message").until(d -> extensionRows(d, "nats-interceptors").equals(List.of(
                        "publish io.dialtone.example.stamp.internal.StampInterceptor io.dialtone.example.stamp stamp.>"
                                + " 0 1,000 ms pass 1 1 0 0 0",
                        "delivery io.dialtone.example.stamp.internal.DeliveryStampInterceptor"
                                + " io.dialtone.example.stamp stamp.> 0 1,000 ms pass 1 1 0 0 0")));

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

        List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
        String errors = entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).collect(Collectors.joining("\n"));
        assertEquals("", errors, "browser console errors; whole log:\n"
                + entries.stream().map(LogEntry::toString).collect(Collectors.joining("\n")));
    }

    /**
     * The rows of an extensions table, each as its cells' texts joined by spaces, read in one script run: the page
     * redraws its tables every second, so elements found one call earlier may already be gone.
     */
    @SuppressWarnings("unchecked")
    private static List<String> extensionRows(WebDriver d, String table) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr')).map(tr =>"
                        + " Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim())"
                        + ".filter(t => t.length > 0).join(' '));", table);
    }

    private static List<String> subscriptionSubjects(WebDriver d) {
        return d.findElements(By.cssSelector("#nats-subscriptions tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")))
                .filter(tds -> tds.size() == 7)
                .map(tds -> tds.get(0).getText())
                .toList();
    }

    private static void missingBrowser(String message) {
        if (Boolean.parseBoolean(System.getenv("DIALTONE_REQUIRE_EXTERNALS"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
