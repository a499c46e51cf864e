package io.dialtone.itests.blackbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * The Felix Web Console of a server on loopback, logged in with the password {@link #enable} configured (the console
 * has no default credentials: it is off until a password is configured).
 */
final class WebConsole {

    static final String USER = "admin";
    static final String PASSWORD = "console-test-pw";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WebConsole() {
    }

    /** Configures the console's password in {@code home}'s deploy/ folder, as an operator would before a start. */
    static void enable(Path home) throws IOException {
        Files.writeString(home.resolve("deploy/io.dialtone.webconsole.config"), "password=\"" + PASSWORD + "\"\n",
                StandardCharsets.US_ASCII);
    }

    /** Starts a server on loopback with the console enabled on {@code httpPort}, once the console is announced. */
    static Dialtone.Running start(Dialtone dialtone, int httpPort) throws IOException, InterruptedException {
        enable(dialtone.home);
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1", "-m", Integer.toString(httpPort));
        server.awaitLine("Web Console on http://127.0.0.1:" + httpPort, Duration.ofSeconds(30));
        return server;
    }

    /** The value of an Authorization header that logs in as {@code user}. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** GET {@code path} on {@code port}, with the console's credentials or without. */
    static HttpResponse<String> get(int port, String path, boolean withCredentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (withCredentials) {
            b.header("Authorization", basic(USER, PASSWORD));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The status code of one raw HTTP/1.1 request ({@code "GET /path"}) to 127.0.0.1:{@code port}, or -1 when
     * nothing answers yet (refused, reset, or closed without an answer while the HTTP server starts). {@code lines} are more header lines; an empty line among them starts the body. A Host
     * header is sent unless {@code lines} has one (the JDK's client does not let a test set it).
     */
    static int status(int port, String requestLine, String authorization, String... lines) throws IOException {
        String head = head(port, requestLine, authorization, lines);
        return head == null ? -1 : Integer.parseInt(head.substring(9, 12));
    }

    /** Like {@link #status}, the answer's status line and headers, or null when nothing answers yet. */
    static String head(int port, String requestLine, String authorization, String... lines) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
        String body = null;
        boolean host = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                body = String.join("\r\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
                break;
            }
            host |= lines[i].regionMatches(true, 0, "Host:", 0, 5);
            head.append(lines[i]).append("\r\n");
        }
        if (!host) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            if (status == null) {
                return null; // accepted and closed without an answer: the HTTP server is (re)starting
            }
            if (!status.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            StringBuilder answer = new StringBuilder(status);
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                answer.append('\n').append(line);
            }
            return answer.toString();
        } catch (java.net.SocketException notYet) {
            return null; // nothing listens yet, or the HTTP server reset the connection while (re)starting
        }
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
