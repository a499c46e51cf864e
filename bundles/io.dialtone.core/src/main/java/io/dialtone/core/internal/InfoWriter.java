package io.dialtone.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.ServerDTO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The INFO line a client is greeted with, field for field as nats-server 2.9 sends it: the server's and the listener's
 * part, what is said to this client, and what registered features add (after {@code max_payload}, where nats-server
 * writes {@code jetstream}). Set what applies, then {@link #line()}.
 */
final class InfoWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final ServerDTO server;
    private String host = "";
    private int port;
    private long clientId;
    private String clientIp = "";
    private boolean lameDuck;
    private boolean authRequired;
    private boolean tlsRequired;
    private boolean tlsVerify;
    private String nonce;
    private String cluster;
    private String[] connectUrls;
    private Map<String, Object> features = Map.of();

    InfoWriter(ServerDTO server) {
        this.server = server;
    }

    /** The listener's address, as nats-server reports host and port. */
    InfoWriter listener(String host, int port) {
        this.host = host;
        this.port = port;
        return this;
    }

    InfoWriter client(long id, String ip) {
        this.clientId = id;
        this.clientIp = ip;
        return this;
    }

    /** {@code auth_required}, {@code tls_required}, {@code tls_verify}, and the nonce to sign (null: none). */
    InfoWriter security(boolean authRequired, boolean tlsRequired, boolean tlsVerify, String nonce) {
        this.authRequired = authRequired;
        this.tlsRequired = tlsRequired;
        this.tlsVerify = tlsVerify;
        this.nonce = nonce;
        return this;
    }

    /**
     * The cluster's name and its client URLs; each left out when null or empty, as nats-server leaves them out
     * outside a cluster and before a route brought URLs.
     */
    InfoWriter cluster(String name, String[] connectUrls) {
        this.cluster = name;
        this.connectUrls = connectUrls;
        return this;
    }

    InfoWriter lameDuck(boolean lameDuck) {
        this.lameDuck = lameDuck;
        return this;
    }

    /** Fields the registered features add (see Features). */
    InfoWriter features(Map<String, Object> fields) {
        this.features = fields;
        return this;
    }

    byte[] line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes("INFO ".getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("server_id", server.serverId);
            g.writeStringField("server_name", server.serverName);
            g.writeStringField("version", server.version);
            g.writeNumberField("proto", server.proto);
            g.writeStringField("go", Versions.RUNTIME);
            g.writeStringField("host", host);
            g.writeNumberField("port", port);
            g.writeBooleanField("headers", true);
            if (authRequired) {
                g.writeBooleanField("auth_required", true);
            }
            if (tlsRequired) {
                g.writeBooleanField("tls_required", true);
            }
            if (tlsVerify) {
                g.writeBooleanField("tls_verify", true);
            }
            g.writeNumberField("max_payload", server.maxPayload);
            for (Map.Entry<String, Object> f : features.entrySet()) {
                g.writeFieldName(f.getKey());
                writeValue(g, f.getValue());
            }
            g.writeNumberField("client_id", clientId);
            g.writeStringField("client_ip", clientIp);
            if (nonce != null) {
                g.writeStringField("nonce", nonce);
            }
            if (cluster != null) {
                g.writeStringField("cluster", cluster);
            }
            if (connectUrls != null && connectUrls.length > 0) {
                g.writeArrayFieldStart("connect_urls");
                for (String url : connectUrls) {
                    g.writeString(url);
                }
                g.writeEndArray();
            }
            if (lameDuck) {
                g.writeBooleanField("ldm", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(new byte[] {' ', '\r', '\n'});
        return out.toByteArray();
    }

    /** An INFO field's value: INFO's fields are flat (String, Boolean, whole or decimal Number); else its string. */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).doubleValue());
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
