package io.dialtone.core.internal;

import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.intercept.PublishedMessage;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.router.Subjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered interceptors of one kind (publish or delivery): an immutable snapshot (copy on write), read with one
 * volatile load on the hot path, so an empty registry costs nothing. Runs a message through the matching ones,
 * highest ranking first.
 *
 * @param <I> the interceptor service type
 * @param <M> the message as that kind of interceptor sees it
 */
final class Interceptors<I, M extends PublishedMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(Interceptors.class);

    /**
     * What differs between the kinds of interceptor: a name ({@link InterceptorDTO#PUBLISH} or
     * {@link InterceptorDTO#DELIVERY}), how one is called, and how its answer changes a message (throwing
     * IllegalArgumentException for a change that kind may not make).
     */
    record Kind<I, M>(String name, BiFunction<I, M, CompletionStage<InterceptResult>> call,
            BiFunction<M, InterceptResult, M> apply) {
    }

    /** Publish interceptors: see a message as published, before it is routed. */
    static final Kind<PublishInterceptor, InterceptedMessage> PUBLISH =
            new Kind<>(InterceptorDTO.PUBLISH, PublishInterceptor::onPublish, InterceptedMessage::apply);

    /** Delivery interceptors: see a message once per subscriber, after routing. */
    static final Kind<DeliveryInterceptor, InterceptedDelivery> DELIVERY =
            new Kind<>(InterceptorDTO.DELIVERY, DeliveryInterceptor::onDeliver, InterceptedDelivery::apply);

    /** One registered interceptor, its properties and its counters. */
    static final class Registered<I> {
        final I interceptor;
        final String subject;
        final long timeoutMillis;
        final boolean dropOnFailure;
        final int ranking;
        final long serviceId;
        final String bundle;
        final LongAdder invocations = new LongAdder();
        final LongAdder modified = new LongAdder();
        final LongAdder drops = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        volatile String lastFailure;

        Registered(I interceptor, Map<String, Object> props, String bundle) {
            this.interceptor = interceptor;
            Object subj = props.get(PublishInterceptor.SUBJECT);
            this.subject = subj == null ? ">" : subj.toString();
            Object t = props.get(PublishInterceptor.TIMEOUT);
            this.timeoutMillis = t == null ? 1000 : Long.parseLong(t.toString());
            this.dropOnFailure = "drop".equals(String.valueOf(props.get(PublishInterceptor.FALLBACK)));
            Object r = props.get(Constants.SERVICE_RANKING);
            this.ranking = r instanceof Integer ? (Integer) r : 0;
            Object id = props.get(Constants.SERVICE_ID);
            this.serviceId = id instanceof Long ? (Long) id : 0;
            this.bundle = bundle;
        }

        boolean matches(String literal) {
            return Subjects.subjectMatches(literal, subject);
        }

        InterceptorDTO dto(String kind) {
            InterceptorDTO d = new InterceptorDTO();
            d.kind = kind;
            d.type = interceptor.getClass().getName();
            d.bundle = bundle;
            d.serviceId = serviceId;
            d.subject = subject;
            d.ranking = ranking;
            d.timeoutMillis = timeoutMillis;
            d.fallback = dropOnFailure ? "drop" : "pass";
            d.invocations = invocations.sum();
            d.modified = modified.sum();
            d.drops = drops.sum();
            d.failures = failures.sum();
            d.timeouts = timeouts.sum();
            d.lastFailure = lastFailure;
            return d;
        }
    }

    private final Kind<I, M> kind;
    private volatile List<Registered<I>> registered = List.of();

    Interceptors(Kind<I, M> kind) {
        this.kind = kind;
    }

    /** The current snapshot, highest ranking first. */
    List<Registered<I>> current() {
        return registered;
    }

    synchronized void add(I interceptor, Map<String, Object> props, String bundle) {
        Registered<I> added = new Registered<>(interceptor, props, bundle);
        List<Registered<I>> next = new ArrayList<>(registered);
        next.add(added);
        next.sort(Comparator.comparingInt((Registered<I> r) -> r.ranking).reversed());
        registered = List.copyOf(next);
        LOG.info("{} interceptor {} from {} on \"{}\"", title(), interceptor.getClass().getName(), bundle,
                added.subject);
    }

    synchronized void remove(I interceptor) {
        List<Registered<I>> next = new ArrayList<>(registered);
        next.removeIf(r -> r.interceptor == interceptor);
        registered = List.copyOf(next);
    }

    /** Adds a snapshot of each registered interceptor to {@code into}, highest ranking first. */
    void dtos(List<InterceptorDTO> into) {
        for (Registered<I> r : registered) {
            into.add(r.dto(kind.name()));
        }
    }

    /** Whether one of {@code chain} sees messages on {@code subject}; allocation-free. */
    static boolean anyMatches(List<? extends Registered<?>> chain, String subject) {
        for (int i = 0, n = chain.size(); i < n; i++) {
            if (chain.get(i).matches(subject)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code message} through {@code chain} in order, each on its own thread from {@code executor} and within
     * its timeout; a failure or a timeout applies that interceptor's fallback. Completes with the final message, or
     * with {@code null} when it was dropped (the reason is logged).
     */
    CompletableFuture<M> run(List<Registered<I>> chain, M message, Executor executor) {
        CompletableFuture<M> result = CompletableFuture.completedFuture(message);
        for (Registered<I> r : chain) {
            result = result.thenCompose(m -> m == null || !r.matches(m.subject()) ? CompletableFuture.completedFuture(m)
                    : one(r, m, executor));
        }
        return result;
    }

    private CompletableFuture<M> one(Registered<I> r, M m, Executor executor) {
        r.invocations.increment();
        CompletableFuture<InterceptResult> answer = CompletableFuture
                .supplyAsync(() -> kind.call().apply(r.interceptor, m), executor)
                .thenCompose(CompletionStage::toCompletableFuture)
                .orTimeout(r.timeoutMillis, TimeUnit.MILLISECONDS);
        return answer.handle((res, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                return failed(r, m, cause);
            }
            if (res == null || res.isDrop()) {
                r.drops.increment();
                LOG.info("{} interceptor {} dropped a message on \"{}\" from cid:{}: {}", title(),
                        r.interceptor.getClass().getName(), m.subject(), m.clientId(), res == null ? "" : res.reason());
                return null;
            }
            if (res.subject() == null && res.reply() == null && res.headers() == null && res.payload() == null) {
                return m;
            }
            M changed;
            try {
                changed = kind.apply().apply(m, res);
            } catch (RuntimeException e) {
                return failed(r, m, e);
            }
            r.modified.increment();
            return changed;
        });
    }

    /** Counts and logs a failure or a timeout; the message as the fallback has it ({@code null}: dropped). */
    private M failed(Registered<I> r, M m, Throwable cause) {
        if (cause instanceof TimeoutException) {
            r.timeouts.increment();
            r.lastFailure = "timed out after " + r.timeoutMillis + " ms";
        } else {
            r.failures.increment();
            r.lastFailure = cause.toString();
        }
        LOG.warn("{} interceptor {} (bundle {}) on \"{}\": {}; {}", title(), r.interceptor.getClass().getName(),
                r.bundle, m.subject(), r.lastFailure, r.dropOnFailure ? "dropping the message" : "passing it on");
        return r.dropOnFailure ? null : m;
    }

    private String title() {
        return Character.toUpperCase(kind.name().charAt(0)) + kind.name().substring(1);
    }
}
