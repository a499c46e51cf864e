package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Publish interceptors: installed and removed at runtime, contained when they fail, order-keeping when async. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class InterceptorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private RawClient client() throws Exception {
        RawClient c = RawClient.connect(listener.listener().port);
        assertEquals("", c.send("CONNECT {\"verbose\":false,\"headers\":true,\"name\":\"raw\"}\r\n").roundTrip(), "CONNECT accepted");
        return c;
    }

    @Test
    void anInterceptorBundleInstalledAtRuntimeStampsLiveTrafficAndStopsWhenUninstalled() throws Exception {
        try (RawClient c = client()) {
            c.send("SUB stamp.a 1\r\n").roundTrip();
            assertEquals("MSG stamp.a 1 2\nhi\n", c.send("PUB stamp.a 2\r\nhi\r\n").roundTrip());

            Bundle example = context.installBundle(
                    Path.of(context.getProperty("dialtone.example.stamp.jar")).toUri().toString());
            example.start();
            Await.until("the example's publish and delivery interceptors are registered", WAIT,
                    () -> broker.interceptors().stream().map(i -> i.kind + " " + i.type).sorted().toList().equals(
                            List.of("delivery io.dialtone.example.stamp.internal.DeliveryStampInterceptor",
                                    "publish io.dialtone.example.stamp.internal.StampInterceptor")));
            // the same live connection now gets the header stamped on as published, and one on delivery
            String stamped = c.send("PUB stamp.a 2\r\nhi\r\n").roundTrip();
            assertEquals("HMSG stamp.a 1 69 71\nNATS/1.0\nX-Dialtone-Stamp: stamped\n"
                    + "X-Dialtone-Delivered-To: raw\n\nhi\n", stamped);
            c.send("SUB other 2\r\n");
            assertEquals("MSG other 2 2\nhi\n", c.send("PUB other 2\r\nhi\r\n").roundTrip());

            example.uninstall();
            Await.until("the example interceptor is gone", WAIT, () -> broker.interceptors().isEmpty());
            assertEquals("MSG stamp.a 1 2\nhi\n", c.send("PUB stamp.a 2\r\nhi\r\n").roundTrip());
        }
    }

    @Test
    void aThrowingAndATimingOutInterceptorApplyTheirFallbacksAndAreListed() throws Exception {
        var boom = interceptions.register(PublishInterceptor.class, m -> {
            throw new IllegalStateException("boom");
        }, "boom.>", 1000, "pass");
        var late = interceptions.register(PublishInterceptor.class, m -> new CompletableFuture<>(), "late.>", 200,
                "drop");
        try (RawClient c = client()) {
            c.send("SUB boom.a 1\r\nSUB late.a 2\r\n");
            assertEquals("MSG boom.a 1 2\nhi\n", c.send("PUB boom.a 2\r\nhi\r\n").roundTrip(),
                    "a throwing interceptor passes the message (fallback pass)");
            assertEquals("-ERR 'Permissions Violation for Publish to \"late.a\"'\n",
                    c.send("PUB late.a 2\r\nhi\r\n").roundTrip(), "a late one drops it (fallback drop)");
            InterceptorDTO thrown = interceptions.find("boom.>");
            assertEquals(1, thrown.failures);
            assertEquals("java.lang.IllegalStateException: boom", thrown.lastFailure);
            InterceptorDTO timedOut = interceptions.find("late.>");
            assertEquals(1, timedOut.timeouts);
            assertEquals("timed out after 200 ms", timedOut.lastFailure);

            // and the monitoring endpoint lists them with their failures
            try (MonitorEndpoint monitor = MonitorEndpoint.open(configAdmin)) {
                Map<String, String> boomListed = monitor.interceptor("boom.>");
                assertEquals("publish", boomListed.get("kind"));
                assertEquals("1", boomListed.get("failures"));
                assertEquals("0", boomListed.get("timeouts"));
                assertEquals(thrown.lastFailure, boomListed.get("last_failure"));
                Map<String, String> lateListed = monitor.interceptor("late.>");
                assertEquals("1", lateListed.get("timeouts"));
                assertEquals("0", lateListed.get("failures"));
                assertEquals("timed out after 200 ms", lateListed.get("last_failure"));
            }
        } finally {
            boom.unregister();
            late.unregister();
        }
    }

    @Test
    void aClientsMessagesKeepTheirOrderThroughAnAsyncInterceptor() throws Exception {
        var slow = interceptions.register(PublishInterceptor.class,
                m -> CompletableFuture.supplyAsync(InterceptResult::pass, CompletableFuture.delayedExecutor(
                        ThreadLocalRandom.current().nextInt(5), TimeUnit.MILLISECONDS)),
                "order.odd", 5000, "pass");
        try (RawClient c = client()) {
            c.send("SUB order.* 1\r\n").roundTrip();
            StringBuilder pubs = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String subject = i % 2 == 1 ? "order.odd" : "order.even"; // only odd ones are intercepted
                String body = Integer.toString(i);
                pubs.append("PUB ").append(subject).append(' ').append(body.length()).append("\r\n").append(body)
                        .append("\r\n");
                expected.append("MSG ").append(subject).append(" 1 ").append(body.length()).append('\n').append(body)
                        .append('\n');
            }
            c.send(pubs.toString());
            String seen = c.roundTrip();
            // PONG answers the PING only after the earlier messages were routed (they queue behind interceptions)
            assertEquals(expected.toString(), seen);
        } finally {
            slow.unregister();
        }
    }

    @Test
    void aDropIsReportedToThePublisherAsARefusedPublish() throws Exception {
        var deny = interceptions.register(PublishInterceptor.class,
                m -> CompletableFuture.completedFuture(InterceptResult.drop("no")),
                "deny.>", 1000, "pass");
        try (RawClient c = client()) {
            c.send("SUB deny.x 1\r\n");
            assertEquals("-ERR 'Permissions Violation for Publish to \"deny.x\"'\n",
                    c.send("PUB deny.x 2\r\nhi\r\n").roundTrip());
            assertEquals(1, interceptions.find("deny.>").drops);
        } finally {
            deny.unregister();
        }
    }
}
