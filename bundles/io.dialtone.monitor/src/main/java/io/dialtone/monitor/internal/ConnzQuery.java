package io.dialtone.monitor.internal;

import io.dialtone.api.runtime.ConnectionDTO;
import java.util.Comparator;
import java.util.Map;

/** The /connz query: sort, paging, subscription detail, one cid, open/closed/any; validated as nats-server does. */
record ConnzQuery(String sort, boolean subs, boolean subsDetail, int offset, int limit, long cid, State state) {

    /** nats-server's default page size for /connz and /subsz. */
    static final int DEFAULT_LIMIT = 1024;

    enum State { OPEN, CLOSED, ANY }

    /** Orders by sort option; only cid and reason sort ascending, as in nats-server (uptime too: shortest first). */
    private static final Map<String, Comparator<Row>> ORDERS = Map.ofEntries(
            Map.entry("cid", Comparator.comparingLong(r -> r.c().cid)),
            Map.entry("start", Comparator.comparingLong(r -> r.c().cid)),
            Map.entry("subs", descending(r -> r.c().subscriptions)),
            Map.entry("pending", descending(r -> r.c().pendingBytes)),
            Map.entry("msgs_to", descending(r -> r.c().outMsgs)),
            Map.entry("msgs_from", descending(r -> r.c().inMsgs)),
            Map.entry("bytes_to", descending(r -> r.c().outBytes)),
            Map.entry("bytes_from", descending(r -> r.c().inBytes)),
            Map.entry("last", descending(r -> r.c().lastActivityMillis)),
            // nats-server's "idle" orders by the time between start and last activity, longest first
            Map.entry("idle", descending(r -> r.c().lastActivityMillis - r.c().startMillis)),
            Map.entry("uptime", Comparator.comparingLong(Row::uptimeMillis)),
            Map.entry("stop", descending(r -> r.c().stopMillis)),
            Map.entry("reason", Comparator.comparing(r -> r.c().reason == null ? "" : r.c().reason)));

    /** A connection with the time the query was made, for uptime. */
    record Row(ConnectionDTO c, long nowMillis) {
        long uptimeMillis() {
            return (c.stopMillis > 0 ? c.stopMillis : nowMillis) - c.startMillis;
        }
    }

    static ConnzQuery parse(Params p) throws BadRequest {
        String sort = p.string("sort");
        if (sort.isEmpty()) {
            sort = "cid";
        } else if (!ORDERS.containsKey(sort)) {
            throw new BadRequest("invalid sorting option: " + sort);
        }
        p.bool("auth"); // accepted and validated; nothing to show without authentication
        boolean detail = p.lower("subs").equals("detail");
        boolean subs = !detail && p.bool("subs");
        int offset = Math.max(0, p.integer("offset"));
        int limit = p.integer("limit");
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        long cid = p.unsigned("cid");
        State state = switch (p.lower("state")) {
            case "", "open" -> State.OPEN;
            case "closed" -> State.CLOSED;
            case "any", "all" -> State.ANY;
            default -> throw new BadRequest("Error decoding state for " + p.string("state"));
        };
        if (sort.equals("stop") && state != State.CLOSED) {
            throw new BadRequest("sort by stop only valid on closed connections");
        }
        if (sort.equals("reason") && state != State.CLOSED) {
            throw new BadRequest("sort by reason only valid on closed connections");
        }
        if (cid > 0) {
            limit = 1;
        }
        return new ConnzQuery(sort, subs, detail, offset, limit, cid, state);
    }

    Comparator<Row> order() {
        return ORDERS.get(sort);
    }

    private static Comparator<Row> descending(java.util.function.ToLongFunction<Row> key) {
        return Comparator.comparingLong(key).reversed();
    }
}
