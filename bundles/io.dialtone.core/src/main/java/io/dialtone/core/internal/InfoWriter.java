package io.dialtone.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.ServerDTO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes the INFO line a client is greeted with, field for field as nats-server 2.9 sends it. */
final class InfoWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private InfoWriter() {
    }

    /**
     * The INFO line; {@code cluster} (the cluster's name) and {@code connectUrls} (the cluster's client URLs) are
     * left out when null or empty, as nats-server leaves them out outside a cluster and before a route brought URLs.
     */
    static byte[] info(ServerDTO server, String host, int port, long clientId, String clientIp, boolean lameDuck,
            boolean authRequired, boolean tlsRequired, boolean tlsVerify, String nonce, String cluster,
            String[] connectUrls) {
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
}
