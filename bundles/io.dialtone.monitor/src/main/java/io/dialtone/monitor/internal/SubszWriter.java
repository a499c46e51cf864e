package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.SubscriptionDTO;
import io.dialtone.api.runtime.SubscriptionIndexDTO;
import io.dialtone.router.Subjects;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * nats-server's /subsz (also /subscriptionsz): the subscription index's statistics, and with {@code subs=1} a page of
 * subscriptions, optionally only those a literal {@code test} subject would reach. As in nats-server, an empty page
 * leaves out the list and the paging fields, and {@code total} is the size of the page.
 */
final class SubszWriter {

    /** The /subsz query. */
    record Query(boolean subs, int offset, int limit, String test) {

        static Query parse(Params p) throws BadRequest {
            boolean subs = p.bool("subs");
            int offset = Math.max(0, p.integer("offset"));
            int limit = p.integer("limit");
            String test = p.string("test");
            if (!test.isEmpty() && !Subjects.isValidLiteralSubject(test)) {
                throw new BadRequest("invalid test subject, must be valid publish subject: " + test);
            }
            return new Query(subs, offset, limit <= 0 ? ConnzQuery.DEFAULT_LIMIT : limit, test);
        }
    }

    private static final Comparator<SubscriptionDTO> ORDER = Comparator.comparingLong((SubscriptionDTO s) -> s.cid)
            .thenComparing(s -> s.sid == null ? "" : s.sid);

    private SubszWriter() {
    }

    static void write(JsonGenerator g, String serverId, Instant now, Query q, SubscriptionIndexDTO stats,
            List<SubscriptionDTO> all) throws IOException {
        List<SubscriptionDTO> page = List.of();
        if (q.subs()) {
            List<SubscriptionDTO> matching = new ArrayList<>();
            for (SubscriptionDTO s : all) {
                if (q.test().isEmpty() || Subjects.subjectMatches(q.test(), s.subject)) {
                    matching.add(s);
                }
            }
            matching.sort(ORDER);
            int from = Math.min(q.offset(), matching.size());
            int to = (int) Math.min((long) q.offset() + q.limit(), matching.size());
            page = matching.subList(from, to);
        }
        g.writeStartObject();
        if (!page.isEmpty()) {
            g.writeStringField("server_id", serverId);
            g.writeStringField("now", GoFormat.time(now));
        }
        stats(g, stats);
        if (!page.isEmpty()) {
            g.writeNumberField("total", page.size());
            g.writeNumberField("offset", q.offset());
            g.writeNumberField("limit", q.limit());
            g.writeArrayFieldStart("subscriptions_list");
            for (SubscriptionDTO s : page) {
                detail(g, s, true);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The fields of nats-server's SublistStats. */
    static void stats(JsonGenerator g, SubscriptionIndexDTO s) throws IOException {
        g.writeNumberField("num_subscriptions", s.numSubscriptions);
        g.writeNumberField("num_cache", s.numCache);
        g.writeNumberField("num_inserts", s.numInserts);
        g.writeNumberField("num_removes", s.numRemoves);
        g.writeNumberField("num_matches", s.numMatches);
        Json.float64(g, "cache_hit_rate", s.cacheHitRate);
        g.writeNumberField("max_fanout", s.maxFanout);
        Json.float64(g, "avg_fanout", s.avgFanout);
    }

    /** One SubDetail; /connz leaves out the account. */
    static void detail(JsonGenerator g, SubscriptionDTO s, boolean withAccount) throws IOException {
        g.writeStartObject();
        if (withAccount) {
            Json.optional(g, "account", s.account);
        }
        g.writeStringField("subject", s.subject);
        Json.optional(g, "qgroup", s.queue);
        g.writeStringField("sid", s.sid == null ? "" : s.sid);
        g.writeNumberField("msgs", s.msgs);
        if (s.max > 0) {
            g.writeNumberField("max", s.max);
        }
        g.writeNumberField("cid", s.cid);
        g.writeEndObject();
    }
}
