package io.dialtone.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registered routes, one per peer server, and the local interest they are told: a route registered later hears
 * all of it, and every change reaches every route in the order it happened (under one lock). Which of two routes to
 * the same server is kept is decided here, as is the gossip of a new peer to the others.
 */
final class Routes {

    private final String serverId;
    private final Accounts accounts;

    Routes(String serverId, Accounts accounts) {
        this.serverId = serverId;
        this.accounts = accounts;
    }

    /** The registered routes, one per peer server (copy-on-write under {@link #interestLock}). */
    private volatile RouteLink[] routes = new RouteLink[0];
    /** Orders local interest changes and route registrations, so every peer sees the interest as it is. */
    private final Object interestLock = new Object();
    /** Diallers waiting for a route to a server to go, by server id (under {@link #interestLock}). */
    private final Map<String, List<java.util.concurrent.CompletableFuture<Void>>> gone = new java.util.HashMap<>();

    /**
     * A local client's interest changed by {@code delta} (a SUB +1, an UNSUB or a closed client -1). The routes hear
     * of a plain subject when its first subscription comes and its last goes, and of a queue group's weight at every
     * change, as nats-server sends them. Counted even without routes, so a route registered later hears it all.
     */
    void localInterest(Account account, String subject, String queue, int delta) {
        synchronized (interestLock) {
            Account.Interest key = new Account.Interest(subject, queue);
            int before = account.interest.getOrDefault(key, 0);
            int after = Math.max(0, before + delta);
            if (after == 0) {
                account.interest.remove(key);
            } else {
                account.interest.put(key, after);
            }
            RouteLink[] rs = routes;
            if (rs.length == 0 || queue == null && (before > 0) == (after > 0)) {
                return;
            }
            for (RouteLink r : rs) {
                r.sendInterest(account, subject, queue, after);
            }
        }
    }

    /**
     * Registers a route whose peer has said who it is, and sends it all local interest. With a route to that server
     * already registered, one of the two is kept: the one dialled by the server with the smaller id, so both ends
     * keep the same connection (the same dialler twice: the first). Returns false when the new one is not kept.
     * The other routes are told about the new peer with its INFO (gossip).
     */
    boolean registerRoute(RouteLink r) {
        synchronized (interestLock) {
            String mine = serverId;
            List<RouteLink> next = new ArrayList<>(List.of(routes));
            for (RouteLink e : routes) {
                if (!e.remoteId.equals(r.remoteId)) {
                    continue;
                }
                String dialledExisting = e.transport.solicited() ? mine : e.remoteId;
                String dialledNew = r.transport.solicited() ? mine : r.remoteId;
                if (dialledExisting.equals(dialledNew) || dialledExisting.compareTo(dialledNew) < 0) {
                    return false;
                }
                next.remove(e);
                e.closeAsDuplicate();
            }
            next.add(r);
            routes = next.toArray(RouteLink[]::new);
            r.sendAllInterest(accounts.all());
            if (next.size() > 1) {
                // nats-server's gossip: the other servers hear of the new one and dial it if they have no route to it
                byte[] info = r.gossip();
                for (RouteLink other : next) {
                    if (other != r && !other.remoteId.equals(r.remoteId)) {
                        other.send(info);
                    }
                }
            }
            return true;
        }
    }

    void unregisterRoute(RouteLink r) {
        List<java.util.concurrent.CompletableFuture<Void>> waiting = null;
        synchronized (interestLock) {
            List<RouteLink> next = new ArrayList<>(List.of(routes));
            if (!next.remove(r)) {
                return;
            }
            routes = next.toArray(RouteLink[]::new);
            if (next.stream().noneMatch(x -> x.remoteId.equals(r.remoteId))) {
                waiting = gone.remove(r.remoteId);
            }
        }
        if (waiting != null) {
            waiting.forEach(f -> f.complete(null));
        }
    }

    /** Completes when no route to the server {@code remoteId} is registered (at once when none is). */
    java.util.concurrent.CompletionStage<Void> gone(String remoteId) {
        synchronized (interestLock) {
            for (RouteLink r : routes) {
                if (r.remoteId.equals(remoteId)) {
                    var f = new java.util.concurrent.CompletableFuture<Void>();
                    gone.computeIfAbsent(remoteId, k -> new ArrayList<>()).add(f);
                    return f;
                }
            }
        }
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** The registered routes (a snapshot). */
    RouteLink[] all() {
        return routes;
    }

    /** Whether a route to the server {@code id} is registered. */
    boolean registered(String id) {
        for (RouteLink r : routes) {
            if (id.equals(r.remoteId)) {
                return true;
            }
        }
        return false;
    }
}
