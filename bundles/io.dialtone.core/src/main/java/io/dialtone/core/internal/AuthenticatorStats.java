package io.dialtone.core.internal;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.runtime.AuthenticatorDTO;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.osgi.framework.Constants;

/**
 * How each authenticator service has decided, by service id. Counted off the event loop, once per CONNECT and
 * authenticator asked; the counters of a service that has left are dropped with the next snapshot.
 */
final class AuthenticatorStats {

    /** One authenticator's counters. */
    static final class Counters {
        final LongAdder allowed = new LongAdder();
        final LongAdder denied = new LongAdder();
        final LongAdder abstained = new LongAdder();
        final LongAdder failures = new LongAdder();
        volatile String lastFailure;

        void decided(AuthDecision d) {
            if (d == null || d.outcome() == AuthDecision.Outcome.ABSTAIN) {
                abstained.increment();
            } else if (d.outcome() == AuthDecision.Outcome.ALLOW) {
                allowed.increment();
            } else {
                denied.increment();
            }
        }

        void failed(Throwable e) {
            failures.increment();
            lastFailure = e.toString();
        }
    }

    private final Map<Object, Counters> byService = new ConcurrentHashMap<>();

    /** The counters of the authenticator registered with {@code props}. */
    Counters of(Map<String, Object> props) {
        return byService.computeIfAbsent(props.get(Constants.SERVICE_ID), id -> new Counters());
    }

    /** Snapshots of {@code chain} (DS's order: lowest ranking first), in the order they are asked. */
    List<AuthenticatorDTO> dtos(List<Map.Entry<Map<String, Object>, Authenticator>> chain,
            Function<Map<String, Object>, String> bundleName) {
        List<AuthenticatorDTO> list = new ArrayList<>();
        Set<Object> present = new HashSet<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Map<String, Object> props = chain.get(i).getKey();
            Authenticator a = chain.get(i).getValue();
            Counters c = of(props);
            present.add(props.get(Constants.SERVICE_ID));
            AuthenticatorDTO d = new AuthenticatorDTO();
            Object component = props.get("component.name");
            d.type = a.getClass().getName();
            d.name = component != null ? component.toString() : d.type;
            d.bundle = bundleName.apply(props);
            Object id = props.get(Constants.SERVICE_ID);
            d.serviceId = id instanceof Long ? (Long) id : 0;
            Object ranking = props.get(Constants.SERVICE_RANKING);
            d.ranking = ranking instanceof Integer ? (Integer) ranking : 0;
            d.allowed = c.allowed.sum();
            d.denied = c.denied.sum();
            d.abstained = c.abstained.sum();
            d.failures = c.failures.sum();
            d.lastFailure = c.lastFailure;
            list.add(d);
        }
        byService.keySet().retainAll(present);
        return list;
    }
}
