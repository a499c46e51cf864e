package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dialtone.itests.support.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A config file's effective values, as both servers report them in /varz: the same file is given to nats-server
 * 2.9.10 and to Dialtone, and every /varz field the file sets must read the same on both.
 */
class ConfigVarzTest extends DistributionTest {

    private static final List<String> FIELDS = List.of("server_name", "max_connections", "max_subscriptions",
            "ping_interval", "ping_max", "max_control_line", "max_payload", "max_pending", "write_deadline",
            "http_host", "http_port", "auth_timeout");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Map<String, String> varz(String server, int httpPort) throws Exception {
        Path conf = configFile("varz",
                "server_name: cfgtest",
                "max_payload: 2KB",
                "max_connections: 77",
                "max_control_line: 1024",
                "max_pending: 10MB",
                "max_subscriptions: 12",
                "ping_interval: \"45s\"",
                "ping_max: 4",
                "write_deadline: \"3s\"",
                "lame_duck_duration: \"60s\"",
                "lame_duck_grace_period: \"5s\"",
                "http: 127.0.0.1:" + httpPort);
        try (ServerUnderTest s = DifferentialServers.start(server, dialtone, "-c", conf.toString())) {
            String[] body = new String[1];
            Await.until("/varz answers", Duration.ofSeconds(30), () -> {
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                            + "/varz")).build(), HttpResponse.BodyHandlers.ofString());
                    body[0] = r.body();
                    return r.statusCode() == 200;
                } catch (java.io.IOException | InterruptedException notYet) {
                    return false;
                }
            });
            Map<String, String> values = new LinkedHashMap<>();
            for (String f : FIELDS) {
                Matcher m = Pattern.compile("\"" + f + "\":\\s*(\"[^\"]*\"|[^,\\s}]+)").matcher(body[0]);
                values.put(f, m.find() ? m.group(1) : "(missing)");
            }
            assertEquals(String.valueOf(httpPort), values.get("http_port"), server + " reports its monitoring port");
            return values;
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    @Test
    void theFilesValuesReadTheSameInVarz() throws Exception {
        assumeTrue(DifferentialServers.isSelected(DifferentialServers.NATS_SERVER)
                && DifferentialServers.isSelected(DifferentialServers.DIALTONE), "needs both servers");
        Map<String, String> reference = varz(DifferentialServers.NATS_SERVER, Nats.freePort());
        Map<String, String> dialtoneValues = varz(DifferentialServers.DIALTONE, Nats.freePort());
        reference.put("http_port", "(a free port)");
        dialtoneValues.put("http_port", "(a free port)");
        assertFalse(reference.containsValue("(missing)"), "nats-server reports every field compared: " + reference);
        assertEquals(reference, dialtoneValues);
        assertEquals("2048", dialtoneValues.get("max_payload"));
    }
}
