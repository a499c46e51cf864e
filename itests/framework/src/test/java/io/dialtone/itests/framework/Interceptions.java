package io.dialtone.itests.framework;

import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.itests.support.Await;
import java.time.Duration;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Registers interceptors of either kind for a test, and finds them in the broker's runtime view. */
final class Interceptions {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BundleContext context;
    private final BrokerRuntime broker;

    Interceptions(BundleContext context, BrokerRuntime broker) {
        this.context = context;
        this.broker = broker;
    }

    /** Registers {@code interceptor} as a {@code type} service on {@code subject}; returns once the broker lists it. */
    <T> ServiceRegistration<T> register(Class<T> type, T interceptor, String subject, long timeoutMillis,
            String fallback) throws InterruptedException {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PublishInterceptor.SUBJECT, subject);
        props.put(PublishInterceptor.TIMEOUT, timeoutMillis);
        props.put(PublishInterceptor.FALLBACK, fallback);
        ServiceRegistration<T> r = context.registerService(type, interceptor, props);
        Await.until(type.getSimpleName() + " on " + subject + " registered", WAIT,
                () -> broker.interceptors().stream().anyMatch(i -> i.subject.equals(subject)));
        return r;
    }

    /** The runtime view of the interceptor on {@code subject}. */
    InterceptorDTO find(String subject) {
        return broker.interceptors().stream().filter(i -> i.subject.equals(subject)).findFirst().orElseThrow();
    }
}
