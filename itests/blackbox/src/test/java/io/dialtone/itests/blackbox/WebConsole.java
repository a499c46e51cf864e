package io.dialtone.itests.blackbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** The Felix Web Console of a server on loopback, with Felix's default credentials (admin/admin). */
final class WebConsole {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WebConsole() {
    }

    /** GET {@code path} on {@code port}, with the console's credentials or without. */
    static HttpResponse<String> get(int port, String path, boolean withCredentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (withCredentials) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    "admin:admin".getBytes(StandardCharsets.US_ASCII)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of {@code path} (with the credentials) once it is served and satisfies {@code condition}. */
    static String await(int port, String path, Predicate<String> condition, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(port, path, true);
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && condition.test(r.body())) {
                    return r.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError("console condition on " + path + " not met within " + wait + "; last answer: " + last);
    }
}
