package io.dialtone.core.internal;

import io.dialtone.api.runtime.ServerFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link ServerFeature}s' INFO fields, merged into one immutable snapshot that every greeting reads
 * without a lock; rebuilt when a feature comes, goes or is modified. A feature that throws is left out and logged.
 */
final class Features {

    private static final Logger LOG = LoggerFactory.getLogger(Features.class);

    /** By service, in registration order; guarded by {@code this}. */
    private final Map<Object, ServerFeature> bound = new LinkedHashMap<>();
    private volatile Map<String, Object> info = Map.of();

    synchronized void put(Object key, ServerFeature feature) {
        bound.put(key, feature);
        rebuild();
    }

    synchronized void remove(Object key) {
        bound.remove(key);
        rebuild();
    }

    /** The INFO fields of every feature, in registration order (a later one wins a name). */
    Map<String, Object> info() {
        return info;
    }

    private void rebuild() {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (ServerFeature f : bound.values()) {
            try {
                merged.putAll(f.info());
            } catch (RuntimeException e) {
                LOG.error("Server feature {} failed to give its INFO fields; left out", f.getClass().getName(), e);
            }
        }
        info = merged.isEmpty() ? Map.of() : Collections.unmodifiableMap(merged);
    }
}
