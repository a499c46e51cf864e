package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonGenerator;
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

    /** No routes: {@code num_routes} 0 and an empty {@code routes} array. */
    static void routez(JsonGenerator g, String serverId, Instant now) throws IOException {
        head(g, serverId, now);
        g.writeNumberField("num_routes", 0);
        g.writeArrayFieldStart("routes");
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
        head(g, serverId, now);
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
