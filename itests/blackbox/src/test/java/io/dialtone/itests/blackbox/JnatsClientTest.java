package io.dialtone.itests.blackbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real jnats client (2.26.2) against Dialtone and against the reference nats-server: every scenario runs once per
 * server selected by {@code it.servers}. Each test starts its own server(s) and closes its connections and servers.
 */
class JnatsClientTest extends DistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Dialtone starts an OSGi framework: give a restarted server this long to be back. */
    private static final Duration RESTART = Duration.ofSeconds(60);
    private static final int MAX_PAYLOAD = 1048576;

    static java.util.stream.Stream<String> servers() {
        return DifferentialServers.selected();
    }

    private static ServerUnderTest start(String name) throws Exception {
        return DifferentialServers.start(name, dialtone);
    }

    private static Connection connect(ServerUnderTest server) throws Exception {
        return connect(Options.builder().server(server.url()));
    }

    private static Connection connect(Options.Builder options) throws Exception {
        return io.nats.client.Nats.connect(options.connectionTimeout(WAIT).build());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), UTF_8);
    }

    /** The next message, failing (not returning null) when none arrives in time. */
    private static Message next(Subscription sub) throws InterruptedException {
        Message m = sub.nextMessage(WAIT);
        assertNotNull(m, "no message on " + sub.getSubject() + " within " + WAIT);
        return m;
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), what + " (still waiting for " + latch.getCount() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void publishSubscribe(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection sub = connect(server); Connection pub = connect(server)) {
            Subscription s = sub.subscribe("greeting");
            sub.flush(WAIT); // the SUB is registered before anybody publishes
            pub.publish("greeting", bytes("hello"));
            pub.publish("greeting", "reply.here", bytes("again"));
            pub.publish("greeting", new byte[0]);

            Message m = next(s);
            assertEquals("greeting", m.getSubject());
            assertEquals("hello", text(m));
            assertNull(m.getReplyTo());
            assertFalse(m.hasHeaders());
            m = next(s);
            assertEquals("again", text(m));
            assertEquals("reply.here", m.getReplyTo());
            m = next(s);
            assertEquals(0, m.getData().length, "an empty payload stays empty");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void wildcards(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection nc = connect(server)) {
            Subscription star = nc.subscribe("foo.*");
            Subscription tail = nc.subscribe("foo.>");
            Subscription middle = nc.subscribe("foo.*.baz");
            Subscription all = nc.subscribe(">");
            nc.flush(WAIT);
            for (String subject : List.of("foo", "foo.bar", "foo.bar.baz", "foo.bar.qux", "bar.foo", "foox.bar",
                    "foo.end", "foo.end.baz")) {
                nc.publish(subject, bytes(subject));
            }
            // messages from one publisher arrive in order: read up to each subscription's last match
            assertEquals(List.of("foo.bar"), subjectsUntil(star, "foo.end"));
            assertEquals(List.of("foo.bar", "foo.bar.baz", "foo.bar.qux"), subjectsUntil(tail, "foo.end"));
            assertEquals(List.of("foo.bar.baz"), subjectsUntil(middle, "foo.end.baz"));
            assertEquals(List.of("foo", "foo.bar", "foo.bar.baz", "foo.bar.qux", "bar.foo", "foox.bar", "foo.end"),
                    subjectsUntil(all, "foo.end.baz"));
        }
    }

    private static List<String> subjectsUntil(Subscription sub, String last) throws InterruptedException {
        List<String> subjects = new ArrayList<>();
        for (Message m = next(sub); !m.getSubject().equals(last); m = next(sub)) {
            assertEquals(m.getSubject(), text(m));
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    /**
     * A connection that subscribes to {@code subject} (in {@code queue} when not null) and to {@code done}, on one
     * dispatcher: once "done" arrives, every earlier message from the same publisher has been handled.
     */
    private static final class Member implements AutoCloseable {
        final Connection connection;
        final List<String> received = Collections.synchronizedList(new ArrayList<>());

        Member(ServerUnderTest server, String subject, String queue, CountDownLatch done) throws Exception {
            connection = connect(server);
            Dispatcher d = connection.createDispatcher(m -> {
                if (m.getSubject().equals("done")) {
                    done.countDown();
                } else {
                    received.add(text(m));
                }
            });
            if (queue == null) {
                d.subscribe(subject);
            } else {
                d.subscribe(subject, queue);
            }
            d.subscribe("done");
            connection.flush(WAIT);
        }

        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }

    private static void closeAll(List<Member> members) throws InterruptedException {
        for (Member m : members) {
            m.close();
        }
    }

    private static List<String> numbers(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void queueGroupDeliversEachMessageOnceAndSpreadsThem(String name) throws Exception {
        int n = 300;
        try (ServerUnderTest server = start(name); Connection pub = connect(server)) {
            CountDownLatch done = new CountDownLatch(3);
            List<Member> members = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    members.add(new Member(server, "work", "workers", done));
                }
                for (String i : numbers(n)) {
                    pub.publish("work", bytes(i));
                }
                pub.publish("done", new byte[0]);
                await(done, "every member got the end marker");

                List<String> all = new ArrayList<>();
                for (Member m : members) {
                    assertFalse(m.received.isEmpty(), "every member gets some of " + n + " messages: " + counts(members));
                    all.addAll(m.received);
                }
                Collections.sort(all, (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
                assertEquals(numbers(n), all, "each message delivered exactly once to the group");
            } finally {
                closeAll(members);
            }
        }
    }

    private static String counts(List<Member> members) {
        return members.stream().map(m -> Integer.toString(m.received.size())).collect(Collectors.joining(",", "[", "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void twoQueueGroupsOnOneSubjectEachGetEveryMessageOnce(String name) throws Exception {
        int n = 100;
        try (ServerUnderTest server = start(name); Connection pub = connect(server)) {
            CountDownLatch done = new CountDownLatch(5);
            List<Member> a = new ArrayList<>();
            List<Member> b = new ArrayList<>();
            Member plain = null;
            try {
                for (int i = 0; i < 2; i++) {
                    a.add(new Member(server, "jobs", "a", done));
                    b.add(new Member(server, "jobs", "b", done));
                }
                plain = new Member(server, "jobs", null, done);
                for (String i : numbers(n)) {
                    pub.publish("jobs", bytes(i));
                }
                pub.publish("done", new byte[0]);
                await(done, "every member got the end marker");

                for (List<Member> group : List.of(a, b)) {
                    List<String> all = group.stream().flatMap(m -> m.received.stream())
                            .sorted((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y))).toList();
                    assertEquals(numbers(n), all, "each group gets every message exactly once");
                }
                assertEquals(numbers(n), plain.received, "a plain subscriber beside the groups gets all, in order");
            } finally {
                closeAll(a);
                closeAll(b);
                if (plain != null) {
                    plain.close();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void requestReply(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection responder = connect(server);
                Connection requester = connect(server)) {
            Dispatcher d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), bytes("re:" + text(m))));
            d.subscribe("svc.echo");
            responder.flush(WAIT);

            Message reply = requester.request("svc.echo", bytes("ping"), WAIT);
            assertNotNull(reply, "a reply within " + WAIT);
            assertEquals("re:ping", text(reply));
            assertTrue(reply.getSubject().startsWith("_INBOX."), reply.getSubject());

            CompletableFuture<Message> future = requester.request("svc.echo", bytes("pong"));
            assertEquals("re:pong", text(future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
        }
    }

    /**
     * jnats 2.26 sends CONNECT with headers and no_responders; the server answers a request nobody listens to with a 503
     * status message. By default jnats cancels the request's future (the blocking request returns null at once, long
     * before its timeout); with {@code reportNoResponders()} the future completes exceptionally with a
     * JetStreamStatusException carrying 503 / "No Responders Available For Request".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void noResponders(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection nc = connect(server);
                Connection reporting = connect(Options.builder().server(server.url()).reportNoResponders())) {
            CompletableFuture<Message> cancelled = nc.request("nobody.home", bytes("anyone?"));
            assertThrows(CancellationException.class, () -> cancelled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            Duration patient = Duration.ofSeconds(30);
            long before = System.nanoTime();
            assertNull(nc.request("nobody.home", bytes("anyone?"), patient));
            assertTrue(Duration.ofNanos(System.nanoTime() - before).compareTo(patient.dividedBy(2)) < 0,
                    "no responders is answered at once, not by the request timing out");

            CompletableFuture<Message> reported = reporting.request("nobody.home", bytes("anyone?"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> reported.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(io.nats.client.JetStreamStatusException.class, e.getCause().getClass(), e.toString());
            io.nats.client.JetStreamStatusException status = (io.nats.client.JetStreamStatusException) e.getCause();
            assertEquals(503, status.getStatus().getCode());
            assertTrue(status.getMessage().contains("503") && status.getMessage().contains("No Responders"),
                    status.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void headersRoundTrip(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection nc = connect(server)) {
            Subscription s = nc.subscribe("with.headers");
            nc.flush(WAIT);
            Headers h = new Headers();
            h.add("X-Multi", "one", "two", "three");
            h.put("X-Single", "value with spaces");
            h.put("Empty-Payload-Next", "yes");
            nc.publish(NatsMessage.builder().subject("with.headers").headers(h).data(bytes("body")).build());
            Headers only = new Headers().put("Only", "headers");
            nc.publish(NatsMessage.builder().subject("with.headers").headers(only).build());

            Message m = next(s);
            assertTrue(m.hasHeaders());
            assertEquals(List.of("one", "two", "three"), m.getHeaders().get("X-Multi"));
            assertEquals(List.of("value with spaces"), m.getHeaders().get("X-Single"));
            assertEquals(3, m.getHeaders().size());
            assertEquals("body", text(m));
            m = next(s);
            assertEquals(List.of("headers"), m.getHeaders().get("Only"));
            assertEquals(0, m.getData().length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void autoUnsubscribeAfterThree(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection sub = connect(server); Connection pub = connect(server)) {
            Subscription limited = sub.subscribe("limited");
            limited.unsubscribe(3);
            Subscription done = sub.subscribe("done");
            sub.flush(WAIT);
            for (String i : numbers(10)) {
                pub.publish("limited", bytes(i));
            }
            pub.publish("done", new byte[0]);
            // one reader thread fills both subscriptions in arrival order: once "done" is here, "limited" has all it gets
            next(done);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                received.add(text(next(limited)));
            }
            assertEquals(List.of("0", "1", "2"), received);
            assertFalse(limited.isActive(), "the subscription ended after 3 messages");
            assertEquals(3, limited.getDeliveredCount());
            assertThrows(IllegalStateException.class, () -> limited.nextMessage(WAIT), "nothing more to read");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void drainDeliversWhatWasPublishedThenCloses(String name) throws Exception {
        int n = 50;
        try (ServerUnderTest server = start(name); Connection sub = connect(server); Connection pub = connect(server)) {
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch gate = new CountDownLatch(1);
            Dispatcher d = sub.createDispatcher(m -> {
                try {
                    gate.await(); // hold the messages in the client until drain has begun
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(text(m));
            });
            d.subscribe("drained");
            sub.flush(WAIT);
            for (String i : numbers(n)) {
                pub.publish("drained", bytes(i));
            }
            pub.flush(WAIT); // the server has taken every message before the drain starts

            CompletableFuture<Boolean> drained = sub.drain(WAIT);
            gate.countDown();
            assertTrue(drained.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS), "drain completed");
            assertEquals(numbers(n), received, "every message published before the drain was delivered");
            assertEquals(Connection.Status.CLOSED, sub.getStatus());
            pub.publish("drained", bytes("late"));
            pub.flush(WAIT);
            assertEquals(n, received.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void flushWaitsForTheServer(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection nc = connect(server)) {
            Subscription s = nc.subscribe("flushed");
            for (int i = 0; i < 1000; i++) {
                nc.publish("flushed", bytes(Integer.toString(i)));
            }
            nc.flush(WAIT);
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
            assertFalse(nc.RTT().isNegative());
            // the PONG came after the messages on the same socket: they have all arrived
            assertEquals(1000, s.getPendingMessageCount());
            assertEquals("0", text(next(s)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void noEchoKeepsOwnPublishesAway(String name) throws Exception {
        try (ServerUnderTest server = start(name);
                Connection quiet = connect(Options.builder().server(server.url()).noEcho());
                Connection other = connect(server)) {
            Subscription s = quiet.subscribe("echo");
            Subscription own = other.subscribe("echo");
            quiet.flush(WAIT);
            other.flush(WAIT);

            quiet.publish("echo", bytes("from quiet"));
            quiet.flush(WAIT); // an echo would now be ahead of anything else on quiet's socket
            other.publish("echo", bytes("from other"));

            assertEquals("from other", text(next(s)), "own publish not echoed, the other's delivered");
            assertEquals("from quiet", text(next(own)), "others still get the no-echo client's messages");
            assertEquals("from other", text(next(own)), "echo stays on for the other connection");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void maxPayloadComesFromInfo(String name) throws Exception {
        try (ServerUnderTest server = start(name); Connection nc = connect(server)) {
            assertEquals(MAX_PAYLOAD, nc.getMaxPayload());
            assertEquals(MAX_PAYLOAD, nc.getServerInfo().getMaxPayload());
            assertTrue(nc.getServerInfo().isHeadersSupported());

            Subscription s = nc.subscribe("big");
            nc.flush(WAIT);
            byte[] max = new byte[MAX_PAYLOAD];
            Arrays.fill(max, (byte) 'x');
            nc.publish("big", max);
            assertArrayEquals(max, next(s).getData(), "exactly max_payload is accepted");

            assertThrows(IllegalArgumentException.class, () -> nc.publish("big", new byte[MAX_PAYLOAD + 1]));
            nc.flush(WAIT);
            assertEquals(Connection.Status.CONNECTED, nc.getStatus(), "refused client-side: the connection is unharmed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void reconnectsAfterARestartOnTheSamePort(String name) throws Exception {
        int port = Nats.freePort();
        BlockingQueue<ConnectionListener.Events> events = new LinkedBlockingQueue<>();
        ServerUnderTest first = DifferentialServers.startOnPort(name, dialtone, port);
        ServerUnderTest second = null;
        boolean firstStopped = false;
        try (Connection nc = connect(Options.builder().server("nats://127.0.0.1:" + port).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).connectionListener((conn, type) -> events.add(type)))) {
            Subscription before = nc.subscribe("after.restart");
            nc.flush(WAIT);
            awaitEvent(events, ConnectionListener.Events.CONNECTED, WAIT);

            first.close(); // SIGTERM, and the process has exited
            firstStopped = true;
            awaitEvent(events, ConnectionListener.Events.DISCONNECTED, WAIT);
            second = DifferentialServers.startOnPort(name, dialtone, port);
            awaitEvent(events, ConnectionListener.Events.RECONNECTED, RESTART);
            // jnats re-sends its subscriptions after RECONNECTED; a flush issued before it has finished can be lost
            // in that window (seen against nats-server under load), so wait until the client says it is done.
            awaitEvent(events, ConnectionListener.Events.RESUBSCRIBED, WAIT);

            Subscription after = nc.subscribe("after.restart");
            nc.flush(WAIT);
            nc.publish("after.restart", bytes("back"));
            assertEquals("back", text(next(after)));
            assertEquals("back", text(next(before)), "the client re-subscribed what it had before the restart");
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        } finally {
            if (!firstStopped) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    private static void awaitEvent(BlockingQueue<ConnectionListener.Events> events, ConnectionListener.Events wanted,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConnectionListener.Events> seen = new ArrayList<>();
        while (true) {
            ConnectionListener.Events e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + wanted + " within " + timeout + "; saw " + seen);
            }
            if (e == wanted) {
                return;
            }
            seen.add(e);
        }
    }
}
