package io.dialtone.core.internal;

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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered publish interceptors: an immutable snapshot (copy on write), read with one volatile load on the hot
 * path, so an empty registry costs nothing. Runs a message through the matching ones, highest ranking first.
 */
final class Interceptors {

    private static final Logger LOG = LoggerFactory.getLogger(Interceptors.class);

    /** One registered interceptor, its properties and its counters. */
    static final class Registered {
        final PublishInterceptor interceptor;
        final String subject;
        final long timeoutMillis;
        final boolean dropOnFailure;
        final int ranking;
        final String bundle;
        final LongAdder invocations = new LongAdder();
        final LongAdder drops = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        volatile String lastFailure;

        Registered(PublishInterceptor interceptor, Map<String, Object> props) {
            this.interceptor = interceptor;
            Object subj = props.get(PublishInterceptor.SUBJECT);
            this.subject = subj == null ? ">" : subj.toString();
            Object t = props.get(PublishInterceptor.TIMEOUT);
            this.timeoutMillis = t == null ? 1000 : Long.parseLong(t.toString());
            this.dropOnFailure = "drop".equals(String.valueOf(props.get(PublishInterceptor.FALLBACK)));
            Object r = props.get(Constants.SERVICE_RANKING);
            this.ranking = r instanceof Integer ? (Integer) r : 0;
            Object b = props.get("dialtone.bundle");
            this.bundle = b == null ? String.valueOf(props.get(Constants.SERVICE_BUNDLEID)) : b.toString();
        }

        boolean matches(String literal) {
            return Subjects.subjectMatches(literal, subject);
        }

        InterceptorDTO dto() {
            InterceptorDTO d = new InterceptorDTO();
            d.type = interceptor.getClass().getName();
            d.bundle = bundle;
            d.subject = subject;
            d.ranking = ranking;
            d.invocations = invocations.sum();
            d.drops = drops.sum();
            d.failures = failures.sum();
            d.timeouts = timeouts.sum();
            d.lastFailure = lastFailure;
            return d;
        }
    }

    private volatile List<Registered> registered = List.of();

    /** The current snapshot, highest ranking first. */
    List<Registered> current() {
        return registered;
    }

    synchronized void add(PublishInterceptor interceptor, Map<String, Object> props) {
        List<Registered> next = new ArrayList<>(registered);
        next.add(new Registered(interceptor, props));
        next.sort(Comparator.comparingInt((Registered r) -> r.ranking).reversed());
        registered = List.copyOf(next);
    }

    synchronized void remove(PublishInterceptor interceptor) {
        List<Registered> next = new ArrayList<>(registered);
        next.removeIf(r -> r.interceptor == interceptor);
        registered = List.copyOf(next);
    }

    List<InterceptorDTO> dtos() {
        List<InterceptorDTO> list = new ArrayList<>();
        for (Registered r : registered) {
            list.add(r.dto());
        }
        return list;
    }

    /**
     * Runs {@code message} through {@code chain} in order, each on its own thread from {@code executor} and within
     * its timeout; a failure or a timeout applies that interceptor's fallback. Completes with the final message, or
     * with {@code null} when it was dropped (the reason is logged).
     */
    static CompletableFuture<InterceptedMessage> run(List<Registered> chain, InterceptedMessage message,
            Executor executor) {
        CompletableFuture<InterceptedMessage> result = CompletableFuture.completedFuture(message);
        for (Registered r : chain) {
            result = result.thenCompose(m -> m == null || !r.matches(m.subject()) ? CompletableFuture.completedFuture(m)
                    : one(r, m, executor));
        }
        return result;
    }

    private static CompletableFuture<InterceptedMessage> one(Registered r, InterceptedMessage m, Executor executor) {
        r.invocations.increment();
        CompletableFuture<InterceptResult> answer = CompletableFuture
                .supplyAsync(() -> r.interceptor.onPublish(m), executor)
                .thenCompose(stage -> stage.toCompletableFuture())
                .orTimeout(r.timeoutMillis, TimeUnit.MILLISECONDS);
        return answer.handle((res, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof TimeoutException) {
                    r.timeouts.increment();
                    r.lastFailure = "timed out after " + r.timeoutMillis + " ms";
                } else {
                    r.failures.increment();
                    r.lastFailure = cause.toString();
                }
                LOG.warn("Publish interceptor {} (bundle {}) on \"{}\": {}; {}", r.interceptor.getClass().getName(),
                        r.bundle, m.subject(), r.lastFailure, r.dropOnFailure ? "dropping the message" : "passing it on");
                return r.dropOnFailure ? null : m;
            }
            if (res == null || res.isDrop()) {
                r.drops.increment();
                LOG.info("Publish interceptor {} dropped a message on \"{}\" from cid:{}: {}",
                        r.interceptor.getClass().getName(), m.subject(), m.clientId(), res == null ? "" : res.reason());
                return null;
            }
            return m.apply(res);
        });
    }
}
