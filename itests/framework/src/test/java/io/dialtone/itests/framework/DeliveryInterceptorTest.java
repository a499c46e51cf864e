package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Delivery interceptors: registered at runtime they change or drop deliveries to live connections, one subscriber at a
 * time; they stop when unregistered; failures and timeouts get their fallbacks and show on /extensionz and /metrics;
 * a subscriber gets a publisher's messages in order through an asynchronous one.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class DeliveryInterceptorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEST_BUNDLE = "dialtone-itests-framework-tests";

    @InjectBundleContext
    BundleContext context;
    @InjectService
    BrokerRuntime broker;
    @InjectService
    ConfigurationAdmin configAdmin;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;
    private Interceptions interceptions;

    @BeforeEach
    void interceptions() {
        interceptions = new Interceptions(context, broker);
    }

    private RawClient client(String name) throws Exception {
        RawClient c = RawClient.connect(listener.listener().port);
        assertEquals("", c.send("CONNECT {\"verbose\":false,\"headers\":true,\"name\":\"" + name + "\"}\r\n").roundTrip(), "CONNECT accepted");
        return c;
    }

    @Test
    void anInterceptorRegisteredAtRuntimeChangesAndDropsDeliveriesPerSubscriberUntilUnregistered() throws Exception {
        try (RawClient pub = client("pub"); RawClient keep = client("keep"); RawClient lose = client("lose");
                RawClient worker = client("worker")) {
            keep.send("SUB dlv.* 1\r\n").roundTrip();
            lose.send("SUB dlv.> 7\r\n").roundTrip();
            worker.send("SUB dlv.a workers 3\r\n").roundTrip();
            pub.send("PUB dlv.a 2\r\nhi\r\n").roundTrip();
            assertEquals("MSG dlv.a 1 2\nhi\n", keep.roundTrip());
            assertEquals("MSG dlv.a 7 2\nhi\n", lose.roundTrip());
            assertEquals("MSG dlv.a 3 2\nhi\n", worker.roundTrip());

            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            var r = interceptions.register(DeliveryInterceptor.class, m -> {
                seen.add(m.subscriberName() + " sid " + m.sid() + " on " + m.subscription() + " queue " + m.queue()
                        + ": " + m.subject() + " \"" + new String(m.payload(), StandardCharsets.UTF_8) + "\" reply "
                        + m.reply() + " from " + m.clientName());
                return CompletableFuture.completedFuture("lose".equals(m.subscriberName())
                        ? InterceptResult.drop("not for lose")
                        : InterceptResult.modify(null, "re.ply", Map.of("X-For", List.of(m.subscriberName())),
                                "HI!".getBytes(StandardCharsets.UTF_8)));
            }, "dlv.>", 1000, "pass");

            // the same live connections: each subscriber gets its own version, or nothing
            assertEquals("", pub.send("PUB dlv.a 2\r\nhi\r\n").roundTrip(), "the publisher is not told of a drop");
            assertEquals("HMSG dlv.a 1 re.ply 25 28\nNATS/1.0\nX-For: keep\n\nHI!\n", keep.roundTrip());
            assertEquals("", lose.roundTrip(), "dropped for this subscriber only");
            assertEquals("HMSG dlv.a 3 re.ply 27 30\nNATS/1.0\nX-For: worker\n\nHI!\n", worker.roundTrip());
            List<String> views = new ArrayList<>(seen);
            Collections.sort(views);
            assertEquals(List.of(
                    "keep sid 1 on dlv.* queue null: dlv.a \"hi\" reply null from pub",
                    "lose sid 7 on dlv.> queue null: dlv.a \"hi\" reply null from pub",
                    "worker sid 3 on dlv.a queue workers: dlv.a \"hi\" reply null from pub"), views);
            InterceptorDTO d = interceptions.find("dlv.>");
            assertEquals(InterceptorDTO.DELIVERY, d.kind);
            assertEquals(TEST_BUNDLE, d.bundle);
            assertEquals(3, d.invocations);
            assertEquals(2, d.modified);
            assertEquals(1, d.drops);
            assertEquals(0, d.failures + d.timeouts);

            r.unregister();
            Await.until("the delivery interceptor is gone", WAIT,
                    () -> broker.interceptors().stream().noneMatch(i -> i.subject.equals("dlv.>")));
            pub.send("PUB dlv.a 2\r\nhi\r\n").roundTrip();
            assertEquals("MSG dlv.a 1 2\nhi\n", keep.roundTrip());
            assertEquals("MSG dlv.a 7 2\nhi\n", lose.roundTrip());
            assertEquals("MSG dlv.a 3 2\nhi\n", worker.roundTrip());
        }
    }

    @Test
    void aThrowingAndATimingOutInterceptorApplyTheirFallbacksAndAreListedWithTheirFailures() throws Exception {
        var boom = interceptions.register(DeliveryInterceptor.class, m -> {
            throw new IllegalStateException("boom on delivery");
        }, "dboom.>", 1000, "pass");
        var late = interceptions.register(DeliveryInterceptor.class, m -> new CompletableFuture<>(), "dlate.>",
                200, "drop");
        try (MonitorEndpoint monitor = MonitorEndpoint.open(configAdmin); RawClient c = client("one")) {
            c.send("SUB dboom.a 1\r\nSUB dlate.a 2\r\n");
            assertEquals("MSG dboom.a 1 2\nhi\n", c.send("PUB dboom.a 2\r\nhi\r\n").roundTrip(),
                    "a throwing interceptor's delivery goes out unchanged (fallback pass)");
            assertEquals("", c.send("PUB dlate.a 2\r\nhi\r\n").roundTrip(),
                    "a late one's is not delivered (fallback drop), and the publisher is not told");

            Map<String, String> thrown = monitor.interceptor("dboom.>");
            assertEquals("delivery", thrown.get("kind"));
            assertEquals(TEST_BUNDLE, thrown.get("bundle"));
            assertEquals("pass", thrown.get("fallback"));
            assertEquals("1", thrown.get("invocations"));
            assertEquals("1", thrown.get("failures"));
            assertEquals("0", thrown.get("timeouts"));
            assertTrue(thrown.get("last_failure").contains("boom on delivery"), thrown.toString());
            Map<String, String> timedOut = monitor.interceptor("dlate.>");
            assertEquals("drop", timedOut.get("fallback"));
            assertEquals("1", timedOut.get("timeouts"));
            assertEquals("0", timedOut.get("failures"));
            assertEquals("timed out after 200 ms", timedOut.get("last_failure"));

            // the console's NATS page renders the same counters
            List<Map<String, String>> console = monitor.console("interceptors");
            Map<String, String> consoleBoom = console.stream().filter(i -> "dboom.>".equals(i.get("subject")))
                    .findFirst().orElseThrow(() -> new AssertionError(console.toString()));
            assertEquals("1", consoleBoom.get("failures"));
            assertEquals(thrown.get("last_failure"), consoleBoom.get("lastFailure"));

            String metrics = monitor.get("/metrics");
            assertTrue(series(metrics, "dialtone_interceptor_failures_total", "dboom.>").endsWith(" 1"), metrics);
            assertTrue(series(metrics, "dialtone_interceptor_timeouts_total", "dlate.>").endsWith(" 1"), metrics);
            assertTrue(series(metrics, "dialtone_interceptor_invocations_total", "dlate.>").endsWith(" 1"), metrics);
        } finally {
            boom.unregister();
            late.unregister();
        }
    }

    @Test
    void aSubscriberGetsAPublishersMessagesInOrderThroughAnAsyncInterceptor() throws Exception {
        var slow = interceptions.register(DeliveryInterceptor.class,
                m -> CompletableFuture.supplyAsync(InterceptResult::pass, CompletableFuture.delayedExecutor(
                        ThreadLocalRandom.current().nextInt(5), TimeUnit.MILLISECONDS)),
                "dorder.odd", 5000, "pass");
        try (RawClient pub = client("pub"); RawClient first = client("first"); RawClient second = client("second")) {
            first.send("SUB dorder.* 1\r\n").roundTrip();
            second.send("SUB dorder.> 2\r\n").roundTrip();
            StringBuilder pubs = new StringBuilder();
            StringBuilder expectFirst = new StringBuilder();
            StringBuilder expectSecond = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String subject = i % 2 == 1 ? "dorder.odd" : "dorder.even"; // only odd ones are intercepted
                String body = Integer.toString(i);
                pubs.append("PUB ").append(subject).append(' ').append(body.length()).append("\r\n").append(body)
                        .append("\r\n");
                expectFirst.append("MSG ").append(subject).append(" 1 ").append(body.length()).append('\n')
                        .append(body).append('\n');
                expectSecond.append("MSG ").append(subject).append(" 2 ").append(body.length()).append('\n')
                        .append(body).append('\n');
            }
            pub.send(pubs.toString());
            // the publisher's PONG comes after all its deliveries were decided and queued
            assertEquals("", pub.roundTrip());
            assertEquals(expectFirst.toString(), first.roundTrip());
            assertEquals(expectSecond.toString(), second.roundTrip());
            assertEquals(200, interceptions.find("dorder.odd").invocations, "100 odd messages to 2 subscribers");
        } finally {
            slow.unregister();
        }
    }

    /** The one line of a metric's series for the interceptor on {@code subject}. */
    private static String series(String metrics, String name, String subject) {
        return metrics.lines().filter(l -> l.startsWith(name + "{kind=\"delivery\",")
                && l.contains(",subject=\"" + subject + "\"}")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " for " + subject + " missing:\n" + metrics));
    }
}
