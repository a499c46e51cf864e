package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.RouteDTO;
import io.dialtone.api.runtime.SubscriptionIndexDTO;
import java.io.IOException;
import java.time.Instant;

/**
 * The endpoints of features Dialtone does not run yet, in exactly the form nats-server 2.9.10 gives them when the
 * feature is off, plus /healthz and /accountz with the global account only.
 */
final class FeatureWriters {

    /** The account every client is in while there is no account configuration. */
    static final String GLOBAL_ACCOUNT = "$G";

    private FeatureWriters() {
    }

    /** {@code {"status":"ok"}}. */
    static void healthz(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("status", "ok");
        g.writeEndObject();
    }

    /** The routes as nats-server's /routez lists them; {@code subs=1} adds each route's subscription subjects. */
    static void routez(JsonGenerator g, String serverId, Instant now, java.util.List<RouteDTO> routes, boolean subs)
            throws IOException {
        head(g, serverId, now);
        g.writeNumberField("num_routes", routes.size());
        g.writeArrayFieldStart("routes");
        long nowMillis = now.toEpochMilli();
        for (RouteDTO r : routes) {
            g.writeStartObject();
            g.writeNumberField("rid", r.rid);
            g.writeStringField("remote_id", r.remoteId);
            g.writeBooleanField("did_solicit", r.didSolicit);
            g.writeBooleanField("is_configured", r.isConfigured);
            g.writeStringField("ip", r.ip);
            g.writeNumberField("port", r.port);
            g.writeStringField("start", GoFormat.time(r.startMillis));
            g.writeStringField("last_activity", GoFormat.time(r.lastActivityMillis));
            g.writeStringField("rtt", GoFormat.rtt(r.rttNanos));
            g.writeStringField("uptime", GoFormat.uptime(nowMillis - r.startMillis));
            g.writeStringField("idle", GoFormat.uptime(nowMillis - r.lastActivityMillis));
            g.writeNumberField("pending_size", r.pendingBytes);
            Json.traffic(g, r.inMsgs, r.outMsgs, r.inBytes, r.outBytes);
            g.writeNumberField("subscriptions", r.subscriptionsList.length);
            if (subs) {
                g.writeArrayFieldStart("subscriptions_list");
                for (String subject : r.subscriptionsList) {
                    g.writeString(subject);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** No gateways: empty outbound and inbound maps. */
    static void gatewayz(JsonGenerator g, String serverId, Instant now) throws IOException {
        head(g, serverId, now);
        Json.emptyObject(g, "outbound_gateways");
        Json.emptyObject(g, "inbound_gateways");
        g.writeEndObject();
    }

    /** No leafnodes: nats-server writes {@code "leafs": null}. */
    static void leafz(JsonGenerator g, String serverId, Instant now) throws IOException {
        head(g, serverId, now);
        g.writeNumberField("leafnodes", 0);
        g.writeNullField("leafs");
        g.writeEndObject();
    }

    /** JetStream off: {@code disabled} and zeroes. */
    static void jsz(JsonGenerator g, String serverId, Instant now) throws IOException {
        jsz(g, serverId, now, java.util.Map.of());
    }

    /** /jsz: the JetStream feature's details when one is registered ({@code details} not empty), else off. */
    static void jsz(JsonGenerator g, String serverId, Instant now, java.util.Map<String, Object> details)
            throws IOException {
        head(g, serverId, now);
        if (!details.isEmpty()) {
            for (java.util.Map.Entry<String, Object> e : details.entrySet()) {
                g.writeFieldName(e.getKey());
                Json.value(g, e.getValue());
            }
            g.writeEndObject();
            return;
        }
        g.writeBooleanField("disabled", true);
        g.writeObjectFieldStart("config");
        g.writeNumberField("max_memory", 0);
        g.writeNumberField("max_storage", 0);
        g.writeEndObject();
        for (String f : new String[] {"memory", "storage", "reserved_memory", "reserved_storage", "accounts",
                "ha_assets"}) {
            g.writeNumberField(f, 0);
        }
        g.writeObjectFieldStart("api");
        g.writeNumberField("total", 0);
        g.writeNumberField("errors", 0);
        g.writeEndObject();
        for (String f : new String[] {"streams", "consumers", "messages", "bytes"}) {
            g.writeNumberField(f, 0);
        }
        g.writeEndObject();
    }

    /** The account list, or with {@code acc=$G} the global account's detail. No system account yet. */
    static void accountz(JsonGenerator g, String serverId, Instant now, String acc, long startMillis,
            int clients, SubscriptionIndexDTO index) throws IOException {
        head(g, serverId, now);
        if (acc.isEmpty()) {
            g.writeArrayFieldStart("accounts");
            g.writeString(GLOBAL_ACCOUNT);
            g.writeEndArray();
        } else if (acc.equals(GLOBAL_ACCOUNT)) {
            g.writeObjectFieldStart("account_detail");
            g.writeStringField("account_name", GLOBAL_ACCOUNT);
            g.writeStringField("update_time", GoFormat.time(startMillis));
            g.writeBooleanField("expired", false);
            g.writeBooleanField("complete", true);
            g.writeBooleanField("jetstream_enabled", false);
            g.writeNumberField("leafnode_connections", 0);
            g.writeNumberField("client_connections", clients);
            g.writeNumberField("subscriptions", index.numSubscriptions);
            g.writeObjectFieldStart("sublist_stats");
            SubszWriter.stats(g, index);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void head(JsonGenerator g, String serverId, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("server_id", serverId);
        g.writeStringField("now", GoFormat.time(now));
    }
}
