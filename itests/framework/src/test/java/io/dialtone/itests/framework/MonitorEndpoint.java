package io.dialtone.itests.framework;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dialtone.itests.support.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The monitoring HTTP server switched on for a test through its configuration ({@code io.dialtone.monitor}) on a
 * free loopback port, and read over real HTTP (the monitoring endpoints, and the Web Console served beside them);
 * closing deletes the configuration, which switches it off again.
 */
final class MonitorEndpoint implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The Web Console, and the login this endpoint configures for it (it has no default one). */
    private static final String CONSOLE = "/system/console/";
    private static final String CONSOLE_PASSWORD = "in-framework-console-pw";
    private static final String CONSOLE_LOGIN = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + CONSOLE_PASSWORD).getBytes(StandardCharsets.US_ASCII));
    /** The snapshot the console's NATS page renders. */
    static final String CONSOLE_NATS_DATA = CONSOLE + "nats/data.json";

    private final Configuration config;
    private final Configuration console;
    private final int port;

    private MonitorEndpoint(Configuration config, Configuration console, int port) {
        this.config = config;
        this.console = console;
        this.port = port;
    }

    static MonitorEndpoint open(ConfigurationAdmin configAdmin) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Configuration c = configAdmin.getConfiguration("io.dialtone.monitor", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("http_port", port);
        p.put("host", "127.0.0.1");
        c.update(p);
        Configuration console = configAdmin.getConfiguration("io.dialtone.webconsole", "?");
        console.update(new Hashtable<>(Map.of("password", CONSOLE_PASSWORD)));
        MonitorEndpoint m = new MonitorEndpoint(c, console, port);
        Await.until("the monitoring endpoints answer on port " + port, WAIT, () -> m.status("/healthz") == 200);
        return m;
    }

    private int status(String path) {
        try {
            HttpURLConnection h = connect(path);
            if (path.startsWith(CONSOLE)) {
                h.setRequestProperty("Authorization", CONSOLE_LOGIN);
            }
            try {
                return h.getResponseCode();
            } finally {
                h.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** The body of a 200 answer to GET {@code path}. */
    String get(String path) throws IOException {
        HttpURLConnection h = connect(path);
        if (path.startsWith(CONSOLE)) {
            h.setRequestProperty("Authorization", CONSOLE_LOGIN);
        }
        try {
            if (h.getResponseCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + h.getResponseCode());
            }
            try (InputStream in = h.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            h.disconnect();
        }
    }

    /**
     * The objects of the top-level array {@code field} of the JSON at {@code path}, each as its scalar fields
     * (name to text).
     */
    List<Map<String, String>> objects(String path, String field) throws IOException {
        List<Map<String, String>> list = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(get(path))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> object = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        object.put(key, p.getValueAsString());
                        p.skipChildren();
                    }
                    list.add(object);
                }
            }
        }
        return list;
    }

    /** The objects of {@code field} in the console NATS page's snapshot, once the console answers. */
    List<Map<String, String>> console(String field) throws Exception {
        Await.until("the Web Console's NATS page answers", WAIT, () -> status(CONSOLE_NATS_DATA) == 200);
        return objects(CONSOLE_NATS_DATA, field);
    }

    /** The interceptor on {@code subject} as /extensionz lists it. */
    Map<String, String> interceptor(String subject) throws IOException {
        List<Map<String, String>> all = objects("/extensionz", "interceptors");
        return all.stream().filter(i -> subject.equals(i.get("subject"))).findFirst()
                .orElseThrow(() -> new AssertionError("no interceptor on " + subject + " in /extensionz: " + all));
    }

    private HttpURLConnection connect(String path) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        HttpURLConnection h = (HttpURLConnection) uri.toURL().openConnection();
        h.setConnectTimeout(5000);
        h.setReadTimeout(10_000);
        return h;
    }

    @Override
    public void close() throws IOException {
        console.delete();
        config.delete();
    }
}
