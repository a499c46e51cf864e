package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ClusterDTO;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ServerDTO;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** nats-server's /varz: the server's identity, settings and counters. Field order and names as monitor.go's Varz. */
final class VarzWriter {

    /** What /varz is made of; {@code features}: the blocks of registered ServerFeatures, by name. */
    record Varz(ServerDTO server, BrokerStatsDTO stats, ListenerDTO client, ClusterDTO cluster, HttpSettings http,
            String runtime, long memory, double cpu, Map<String, Long> httpRequests, Instant now,
            Map<String, Map<String, Object>> features) {

        /** Without registered features. */
        Varz(ServerDTO server, BrokerStatsDTO stats, ListenerDTO client, ClusterDTO cluster, HttpSettings http,
                String runtime, long memory, double cpu, Map<String, Long> httpRequests, Instant now) {
            this(server, stats, client, cluster, http, runtime, memory, cpu, httpRequests, now, Map.of());
        }
    }

    /** The feature blocks nats-server always writes, as empty objects while the feature is off. */
    private static final java.util.List<String> FEATURES = java.util.List.of("gateway", "leaf", "mqtt", "websocket",
            "jetstream");

    /** Seconds, as nats-server's default auth_timeout and tls_timeout (Dialtone has no TLS or auth timeout yet). */
    static final double AUTH_TIMEOUT_SECONDS = 2;
    static final double TLS_TIMEOUT_SECONDS = 2;

    private VarzWriter() {
    }

    static void write(JsonGenerator g, Varz v) throws IOException {
        ServerDTO s = v.server();
        BrokerStatsDTO st = v.stats();
        g.writeStartObject();
        g.writeStringField("server_id", s.serverId);
        g.writeStringField("server_name", s.serverName);
        g.writeStringField("version", s.version);
        g.writeNumberField("proto", s.proto);
        g.writeStringField("go", v.runtime());
        g.writeStringField("host", v.client() == null ? "" : v.client().host);
        g.writeNumberField("port", v.client() == null ? 0 : v.client().port);
        if (v.cluster() != null) {
            strings(g, "connect_urls", v.cluster().connectUrls);
        }
        g.writeNumberField("max_connections", s.maxConnections);
        if (s.maxSubscriptions > 0) {
            g.writeNumberField("max_subscriptions", s.maxSubscriptions);
        }
        g.writeNumberField("ping_interval", s.pingIntervalMillis * 1_000_000L);
        g.writeNumberField("ping_max", s.pingMax);
        g.writeStringField("http_host", v.http().host());
        g.writeNumberField("http_port", v.http().port());
        g.writeStringField("http_base_path", "");
        g.writeNumberField("https_port", 0);
        Json.float64(g, "auth_timeout", AUTH_TIMEOUT_SECONDS);
        g.writeNumberField("max_control_line", s.maxControlLine);
        g.writeNumberField("max_payload", s.maxPayload);
        g.writeNumberField("max_pending", s.maxPending);
        cluster(g, v.cluster());
        // nats-server writes these as empty objects while the feature is off; a registered feature fills its block
        for (String feature : FEATURES) {
            Json.object(g, feature, v.features().getOrDefault(feature, Map.of()));
        }
        for (Map.Entry<String, Map<String, Object>> f : v.features().entrySet()) {
            if (!FEATURES.contains(f.getKey())) {
                Json.object(g, f.getKey(), f.getValue());
            }
        }
        Json.float64(g, "tls_timeout", TLS_TIMEOUT_SECONDS);
        g.writeNumberField("write_deadline", s.writeDeadlineMillis * 1_000_000L);
        g.writeStringField("start", GoFormat.time(s.startMillis));
        g.writeStringField("now", GoFormat.time(v.now()));
        g.writeStringField("uptime", GoFormat.uptime(v.now().toEpochMilli() - s.startMillis));
        g.writeNumberField("mem", v.memory());
        g.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
        g.writeNumberField("gomaxprocs", Runtime.getRuntime().availableProcessors());
        Json.float64(g, "cpu", v.cpu());
        g.writeNumberField("connections", st.connections);
        g.writeNumberField("total_connections", st.totalConnections);
        g.writeNumberField("routes", st.routes);
        g.writeNumberField("remotes", st.routes);
        g.writeNumberField("leafnodes", 0);
        Json.traffic(g, st.inMsgs, st.outMsgs, st.inBytes, st.outBytes);
        g.writeNumberField("slow_consumers", st.slowConsumers);
        g.writeNumberField("subscriptions", st.subscriptions);
        g.writeObjectFieldStart("http_req_stats");
        for (Map.Entry<String, Long> e : v.httpRequests().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        // no configuration reload yet: the configuration was loaded at start
        g.writeStringField("config_load_time", GoFormat.time(s.startMillis));
        // Dialtone's own version, next to the nats-server version it implements
        Json.optional(g, "dialtone_version", s.dialtoneVersion);
        g.writeEndObject();
    }

    /**
     * nats-server's ClusterOptsVarz: name, addr, cluster_port, auth_timeout, urls (the configured routes), tls_timeout,
     * each left out when empty (Go's omitempty); an empty object outside a cluster.
     */
    private static void cluster(JsonGenerator g, ClusterDTO c) throws IOException {
        if (c == null) {
            Json.emptyObject(g, "cluster");
            return;
        }
        g.writeObjectFieldStart("cluster");
        Json.optional(g, "name", c.name);
        Json.optional(g, "addr", c.host);
        if (c.port != 0) {
            g.writeNumberField("cluster_port", c.port);
        }
        if (c.authTimeoutSeconds != 0) {
            Json.float64(g, "auth_timeout", c.authTimeoutSeconds);
        }
        strings(g, "urls", c.routeUrls);
        if (c.tlsTimeoutSeconds != 0) {
            Json.float64(g, "tls_timeout", c.tlsTimeoutSeconds);
        }
        g.writeEndObject();
    }

    /** A string array, left out when null or empty (omitempty). */
    private static void strings(JsonGenerator g, String name, String[] values) throws IOException {
        if (values == null || values.length == 0) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
