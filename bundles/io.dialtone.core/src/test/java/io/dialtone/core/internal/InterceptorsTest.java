package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.runtime.InterceptorDTO;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The interceptor chain of either kind: order, changes, drops, and the fallbacks of failures and timeouts. */
class InterceptorsTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Interceptors<PublishInterceptor, InterceptedMessage> publish =
            new Interceptors<>(Interceptors.PUBLISH);
    private final Interceptors<DeliveryInterceptor, InterceptedDelivery> delivery =
            new Interceptors<>(Interceptors.DELIVERY);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static InterceptedMessage message(String subject, String payload) {
        return InterceptedMessage.copy(subject, Unpooled.EMPTY_BUFFER, 0,
                Unpooled.copiedBuffer(payload, StandardCharsets.ISO_8859_1), 7, "pub");
    }

    private static Map<String, Object> props(String subject, int ranking, long timeout, String fallback, long id) {
        Map<String, Object> p = new HashMap<>();
        p.put(PublishInterceptor.SUBJECT, subject);
        p.put(Constants.SERVICE_RANKING, ranking);
        p.put(PublishInterceptor.TIMEOUT, timeout);
        p.put(PublishInterceptor.FALLBACK, fallback);
        p.put(Constants.SERVICE_ID, id);
        return p;
    }

    private static InterceptorDTO dto(Interceptors<?, ?> interceptors, long serviceId) {
        List<InterceptorDTO> list = new ArrayList<>();
        interceptors.dtos(list);
        return list.stream().filter(d -> d.serviceId == serviceId).findFirst().orElseThrow();
    }

    private <M extends io.dialtone.api.intercept.PublishedMessage, I> M run(Interceptors<I, M> interceptors, M m)
            throws Exception {
        return interceptors.run(interceptors.current(), m, executor).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theHighestRankingRunsFirstAndEachSeesTheChangesBeforeIt() throws Exception {
        publish.add(m -> CompletableFuture.completedFuture(
                InterceptResult.modify(null, null, Map.of("Seen", List.of(String.valueOf(m.headers()))), null)),
                props(">", 0, 1000, "pass", 1), "low");
        publish.add(m -> CompletableFuture.completedFuture(
                InterceptResult.modify(null, "reply.x", Map.of("First", List.of("yes")), null)),
                props("a.*", 10, 1000, "pass", 2), "high");
        publish.add(m -> CompletableFuture.completedFuture(InterceptResult.drop("not mine")),
                props("b.>", 20, 1000, "pass", 3), "other");

        InterceptedMessage out = run(publish, message("a.b", "hi"));

        assertEquals("reply.x", out.reply());
        assertEquals(Map.of("Seen", List.of("{First=[yes]}")), out.headers());
        assertEquals(List.of(20, 10, 0), publish.current().stream().map(r -> r.ranking).toList());
        assertEquals(1, dto(publish, 1).modified);
        assertEquals(1, dto(publish, 2).invocations);
        assertEquals(0, dto(publish, 3).invocations, "its subject does not match");
        assertEquals("publish", dto(publish, 1).kind);
        assertEquals("high", dto(publish, 2).bundle);
    }

    @Test
    void aPassIsNoModificationAndADropEndsTheChain() throws Exception {
        publish.add(m -> CompletableFuture.completedFuture(InterceptResult.pass()), props(">", 10, 1000, "pass", 1),
                "b");
        publish.add(m -> CompletableFuture.completedFuture(InterceptResult.drop("no")), props(">", 5, 1000, "pass", 2),
                "b");
        publish.add(m -> {
            throw new AssertionError("never asked after a drop");
        }, props(">", 0, 1000, "pass", 3), "b");

        assertNull(run(publish, message("a", "hi")));
        assertEquals(0, dto(publish, 1).modified);
        assertEquals(1, dto(publish, 1).invocations);
        assertEquals(1, dto(publish, 2).drops);
        assertEquals(0, dto(publish, 3).invocations);
    }

    @Test
    void aThrowingInterceptorGetsItsFallbackAndIsCounted() throws Exception {
        publish.add(m -> {
            throw new IllegalStateException("boom");
        }, props(">", 0, 1000, "pass", 1), "b");
        InterceptedMessage in = message("a", "hi");
        assertSame(in, run(publish, in), "fallback pass: the message goes on as it was");
        InterceptorDTO d = dto(publish, 1);
        assertEquals(1, d.failures);
        assertEquals(0, d.timeouts);
        assertTrue(d.lastFailure.contains("boom"), d.lastFailure);
        assertEquals("pass", d.fallback);
    }

    @Test
    void aLateInterceptorTimesOutAndGetsItsFallback() throws Exception {
        publish.add(m -> new CompletableFuture<>(), props(">", 0, 50, "drop", 1), "b");
        assertNull(run(publish, message("a", "hi")), "fallback drop");
        InterceptorDTO d = dto(publish, 1);
        assertEquals(1, d.timeouts);
        assertEquals(0, d.failures);
        assertEquals("timed out after 50 ms", d.lastFailure);
    }

    @Test
    void aDeliveryInterceptorChangesThePayloadForOneSubscriberButNotTheSubject() throws Exception {
        delivery.add(m -> CompletableFuture.completedFuture(InterceptResult.modify(null, null, null,
                (m.payload().length + " for " + m.sid() + " on " + m.subscription()).getBytes(StandardCharsets.UTF_8))),
                props("a.>", 10, 1000, "pass", 1), "b");
        delivery.add(m -> CompletableFuture.completedFuture(InterceptResult.modify("elsewhere", null, null, null)),
                props("a.>", 0, 1000, "pass", 2), "b");
        InterceptedMessage copy = message("a.b", "hi");
        Subscription sub = new Subscription(null, null, "a.*", null, "9");

        InterceptedDelivery out = run(delivery, new InterceptedDelivery(copy, sub));

        assertArrayEquals("2 for 9 on a.*".getBytes(StandardCharsets.UTF_8), out.payload());
        assertEquals("a.b", out.subject());
        assertSame(sub, out.subscription);
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), copy.payload(), "the shared copy is unchanged");
        InterceptorDTO rerouting = dto(delivery, 2);
        assertEquals(1, rerouting.failures, "changing the subject of a delivery is a failure");
        assertTrue(rerouting.lastFailure.contains("cannot change the subject"), rerouting.lastFailure);
        assertEquals("delivery", rerouting.kind);
        assertEquals(1, dto(delivery, 1).modified);
    }

    @Test
    void anInterceptorLeavesWithItsRegistration() {
        PublishInterceptor p = m -> CompletableFuture.completedFuture(InterceptResult.pass());
        publish.add(p, props(">", 0, 1000, "pass", 1), "b");
        publish.remove(p);
        assertTrue(publish.current().isEmpty());
    }
}
