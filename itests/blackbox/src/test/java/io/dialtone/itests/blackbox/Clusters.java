package io.dialtone.itests.blackbox;

import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the cluster tests share: messages across routes, and the monitoring endpoints of a server. */
final class Clusters {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Clusters() {
    }

    /** Publishes an empty message on {@code subject} at one server until the other's subscriber gets it. */
    static void awaitInterest(RawClient publisher, RawClient subscriber, String subject, String expected)
            throws InterruptedException {
        StringBuilder got = new StringBuilder();
        Await.until(WAIT, () -> {
            try {
                publisher.send("PUB " + subject + " 0\r\n\r\n").roundTrip();
                got.append(subscriber.roundTrip());
                return got.toString().contains(expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> "interest did not cross the route; saw " + got);
        try {
            while (!subscriber.roundTrip().isEmpty()) {
                // copies sent while the interest was on its way
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the subscriber reads until {@code end} (messages from one route arrive in order). */
    static String readUntil(RawClient c, String end) throws Exception {
        StringBuilder got = new StringBuilder();
        Await.until(WAIT, () -> {
            try {
                got.append(c.roundTrip());
                return got.toString().endsWith(end);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> "did not see " + end + " after " + got);
        return got.toString();
    }

    /** The server's log so far, for failure messages. */
    /** The route port a server logged ("Listening for route connections on host:port"). */
    static int routePort(ServerUnderTest s) throws Exception {
        Pattern listening = Pattern.compile("Listening for route connections on [^\\s]*:(\\d+)");
        int[] port = new int[1];
        Await.until(WAIT, () -> {
            Matcher m = listening.matcher(log(s));
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        }, () -> "no route listener in the log of " + s.name() + ":\n" + log(s));
        return port[0];
    }

    static String log(ServerUnderTest s) {
        try {
            return s.name() + " on port " + s.port() + ":\n" + s.log();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** A monitoring endpoint's JSON, or null while it does not answer. */
    static JsonValue monitor(int httpPort, String path) {
        String body = body(httpPort, path);
        return body == null ? null : JsonParser.parseUnchecked(body);
    }

    /** A monitoring endpoint's body as sent, or null while it does not answer. */
    static String body(int httpPort, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** /routez's num_routes, or -1 while it does not answer. */
    static int numRoutes(int httpPort) {
        JsonValue z = monitor(httpPort, "/routez");
        return z == null ? -1 : z.map.get("num_routes").number.intValue();
    }
}
