package io.dialtone.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client URLs of the cluster's servers, as nats-server keeps them for INFO's {@code connect_urls}: this server's
 * own, and those the routes brought, counted (two routes may bring the same URL). Clients are told none until the
 * routes first change the set; from then on this server's URLs first, then the others in the order they came.
 * Not thread-safe: the broker guards it.
 */
final class ConnectUrls {

    /** The cluster's view as clients see it; replaced, never changed. */
    record View(String cluster, String[] connectUrls, String[] others, long generation) {
        static final View NONE = new View(null, null, new String[0], 0);
    }

    private final Map<String, Integer> others = new LinkedHashMap<>();
    private List<String> own = List.of();
    private boolean changed;

    void own(List<String> urls) {
        own = List.copyOf(urls);
    }

    /** Counts the URLs a route brought; true when one of them is new to the set. */
    boolean add(List<String> urls) {
        boolean added = false;
        for (String u : urls) {
            added |= others.merge(u, 1, Integer::sum) == 1;
        }
        changed |= added;
        return added;
    }

    /** Uncounts the URLs of a route that went; true when one of them left the set. */
    boolean remove(List<String> urls) {
        boolean removed = false;
        for (String u : urls) {
            Integer n = others.get(u);
            if (n == null) {
                continue;
            }
            if (n == 1) {
                others.remove(u);
                removed = true;
            } else {
                others.put(u, n - 1);
            }
        }
        changed |= removed;
        return removed;
    }

    /** Back to a server outside any cluster. */
    void clear() {
        others.clear();
        own = List.of();
        changed = false;
    }

    View view(String cluster, long generation) {
        String[] rest = others.keySet().toArray(String[]::new);
        if (!changed) {
            return new View(cluster, null, rest, generation);
        }
        List<String> all = new ArrayList<>(own);
        all.addAll(others.keySet());
        return new View(cluster, all.toArray(String[]::new), rest, generation);
    }
}
