package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.SubscriptionDTO;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** nats-server's /connz: a sorted page of open and/or closed client connections. Names as monitor.go's ConnInfo. */
final class ConnzWriter {

    /** What /connz is made of; {@code subscriptions} by cid, for {@code subs=detail} on open connections. */
    record Connz(String serverId, Instant now, ConnzQuery query, List<ConnectionDTO> open, List<ConnectionDTO> closed,
            Map<Long, List<SubscriptionDTO>> subscriptions) {
    }

    private ConnzWriter() {
    }

    static void write(JsonGenerator g, Connz z) throws IOException {
        ConnzQuery q = z.query();
        long now = z.now().toEpochMilli();
        List<ConnzQuery.Row> rows = new ArrayList<>();
        if (q.state() != ConnzQuery.State.CLOSED) {
            add(rows, z.open(), q.cid(), now);
        }
        if (q.state() != ConnzQuery.State.OPEN) {
            add(rows, z.closed(), q.cid(), now);
        }
        int total = switch (q.state()) {
            case OPEN -> z.open().size();
            case CLOSED -> z.closed().size();
            case ANY -> z.open().size() + z.closed().size();
        };
        rows.sort(q.order());
        int from = Math.min(q.offset(), rows.size());
        int to = (int) Math.min((long) q.offset() + q.limit(), rows.size());
        List<ConnzQuery.Row> page = rows.subList(from, to);

        g.writeStartObject();
        g.writeStringField("server_id", z.serverId());
        g.writeStringField("now", GoFormat.time(z.now()));
        g.writeNumberField("num_connections", page.size());
        g.writeNumberField("total", total);
        g.writeNumberField("offset", q.offset());
        g.writeNumberField("limit", q.limit());
        g.writeArrayFieldStart("connections");
        for (ConnzQuery.Row r : page) {
            connection(g, r.c(), now, q, z.subscriptions());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void add(List<ConnzQuery.Row> rows, List<ConnectionDTO> list, long cid, long now) {
        for (ConnectionDTO c : list) {
            if (cid == 0 || c.cid == cid) {
                rows.add(new ConnzQuery.Row(c, now));
            }
        }
    }

    static void connection(JsonGenerator g, ConnectionDTO c, long now, ConnzQuery q,
            Map<Long, List<SubscriptionDTO>> subscriptions) throws IOException {
        boolean closed = c.stopMillis > 0;
        long end = closed ? c.stopMillis : now; // a closed connection's uptime and idle stop at its close
        g.writeStartObject();
        g.writeNumberField("cid", c.cid);
        Json.optional(g, "kind", c.kind);
        Json.optional(g, "type", c.type);
        g.writeStringField("ip", c.ip == null ? "" : c.ip);
        g.writeNumberField("port", c.port);
        g.writeStringField("start", GoFormat.time(c.startMillis));
        g.writeStringField("last_activity", GoFormat.time(c.lastActivityMillis));
        if (closed) {
            g.writeStringField("stop", GoFormat.time(c.stopMillis));
        }
        Json.optional(g, "reason", c.reason);
        g.writeStringField("rtt", GoFormat.rtt(c.rttNanos));
        g.writeStringField("uptime", GoFormat.uptime(end - c.startMillis));
        g.writeStringField("idle", GoFormat.uptime(end - c.lastActivityMillis));
        g.writeNumberField("pending_bytes", c.pendingBytes);
        Json.traffic(g, c.inMsgs, c.outMsgs, c.inBytes, c.outBytes);
        g.writeNumberField("subscriptions", c.subscriptions);
        Json.optional(g, "name", c.name);
        Json.optional(g, "lang", c.lang);
        Json.optional(g, "version", c.version);
        String[] list = c.subscriptionsList == null ? new String[0] : c.subscriptionsList;
        if (q.subsDetail() && list.length > 0) {
            g.writeArrayFieldStart("subscriptions_list_detail");
            List<SubscriptionDTO> live = closed ? null : subscriptions.get(c.cid);
            if (live != null && !live.isEmpty()) {
                for (SubscriptionDTO s : live) {
                    SubszWriter.detail(g, s, false);
                }
            } else {
                // a closed connection keeps only its subjects: sid and counts are gone
                for (String entry : list) {
                    SubscriptionDTO s = new SubscriptionDTO();
                    s.subject = subject(entry);
                    s.queue = queue(entry);
                    s.sid = "";
                    s.cid = c.cid;
                    SubszWriter.detail(g, s, false);
                }
            }
            g.writeEndArray();
        } else if (q.subs() && list.length > 0) {
            g.writeArrayFieldStart("subscriptions_list");
            for (String entry : list) {
                g.writeString(subject(entry));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The subject of a {@link ConnectionDTO#subscriptionsList} entry ("subject" or "subject queue"). */
    static String subject(String entry) {
        int sp = entry.indexOf(' ');
        return sp < 0 ? entry : entry.substring(0, sp);
    }

    static String queue(String entry) {
        int sp = entry.indexOf(' ');
        return sp < 0 ? null : entry.substring(sp + 1);
    }
}
