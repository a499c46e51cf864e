package io.dialtone.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An INFO a route peer sent, read as nats-server reads it into its {@code Info} struct: the values by field name,
 * to look at, and to pass on to the other routes when the peer is new (nats-server's gossip of a new route). The
 * forwarded INFO is what nats-server 2.9.10 writes: the struct marshalled again, so its fields in the struct's order,
 * the ones it does not know dropped, the ones without {@code omitempty} always present, and {@code ip} set to where
 * the peer can be dialled.
 */
final class RouteInfo {

    private static final JsonFactory JSON = new JsonFactory();

    private enum Kind { STRING, NUMBER, BOOL, STRINGS, RAW }

    private record Field(String name, Kind kind, boolean omitEmpty) {
    }

    /** nats-server 2.9.10's {@code Info} struct (server.go), in its order, with its omitempty flags. */
    private static final List<Field> STRUCT = List.of(
            new Field("server_id", Kind.STRING, false), new Field("server_name", Kind.STRING, false),
            new Field("version", Kind.STRING, false), new Field("proto", Kind.NUMBER, false),
            new Field("git_commit", Kind.STRING, true), new Field("go", Kind.STRING, false),
            new Field("host", Kind.STRING, false), new Field("port", Kind.NUMBER, false),
            new Field("headers", Kind.BOOL, false), new Field("auth_required", Kind.BOOL, true),
            new Field("tls_required", Kind.BOOL, true), new Field("tls_verify", Kind.BOOL, true),
            new Field("tls_available", Kind.BOOL, true), new Field("max_payload", Kind.NUMBER, false),
            new Field("jetstream", Kind.BOOL, true), new Field("ip", Kind.STRING, true),
            new Field("client_id", Kind.NUMBER, true), new Field("client_ip", Kind.STRING, true),
            new Field("nonce", Kind.STRING, true), new Field("cluster", Kind.STRING, true),
            new Field("cluster_dynamic", Kind.BOOL, true), new Field("domain", Kind.STRING, true),
            new Field("connect_urls", Kind.STRINGS, true), new Field("ws_connect_urls", Kind.STRINGS, true),
            new Field("ldm", Kind.BOOL, true), new Field("import", Kind.RAW, true),
            new Field("export", Kind.RAW, true), new Field("lnoc", Kind.BOOL, true),
            new Field("info_on_connect", Kind.BOOL, true), new Field("connect_info", Kind.BOOL, true),
            new Field("gateway", Kind.STRING, true), new Field("gateway_urls", Kind.STRINGS, true),
            new Field("gateway_url", Kind.STRING, true), new Field("gateway_cmd", Kind.NUMBER, true),
            new Field("gateway_cmd_payload", Kind.STRING, true), new Field("gateway_nrp", Kind.BOOL, true),
            new Field("gateway_iom", Kind.BOOL, true), new Field("leafnode_urls", Kind.STRINGS, true),
            new Field("remote_account", Kind.STRING, true));

    /** String, Long, Double, Boolean, List of String, or the raw JSON of an object (or of another array). */
    private final Map<String, Object> values;

    private RouteInfo(Map<String, Object> values) {
        this.values = values;
    }

    /** Reads the JSON object of an INFO line. */
    static RouteInfo parse(ByteBuf json) throws IOException {
        try (InputStream in = new ByteBufInputStream(json.duplicate())) {
            return parse(JSON.createParser(in));
        }
    }

    static RouteInfo parse(String json) throws IOException {
        return parse(JSON.createParser(json));
    }

    private static RouteInfo parse(JsonParser p) throws IOException {
        try (p) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Map<String, Object> values = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Object v = value(p, p.nextToken());
                if (v != null) {
                    values.put(name, v);
                }
            }
            return new RouteInfo(values);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_ARRAY:
                return strings(p);
            default:
                return raw(p);
        }
    }

    /** An array of strings as a list; any other array as its raw JSON. */
    private static Object strings(JsonParser p) throws IOException {
        List<String> list = new ArrayList<>();
        StringWriter other = null;
        JsonGenerator g = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("unterminated array");
            }
            if (g == null && t == JsonToken.VALUE_STRING) {
                list.add(p.getText());
                continue;
            }
            if (g == null) {
                other = new StringWriter();
                g = JSON.createGenerator(other);
                g.writeStartArray();
                for (String s : list) {
                    g.writeString(s);
                }
            }
            g.copyCurrentStructure(p);
        }
        if (g == null) {
            return list;
        }
        g.writeEndArray();
        g.close();
        return new Raw(other.toString());
    }

    private static Raw raw(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return new Raw(out.toString());
    }

    private record Raw(String json) {
    }

    /** A string field, or null when absent (a number or a flag as its text). */
    String string(String name) {
        Object v = values.get(name);
        return v == null || v instanceof List || v instanceof Raw ? null : v.toString();
    }

    String serverId() {
        return string("server_id");
    }

    /** A number field, 0 when absent or not a number. */
    long number(String name) {
        Object v = values.get(name);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    /** A flag, false when absent or not a boolean. */
    boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** A list of strings, empty when absent. */
    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
        Object v = values.get(name);
        return v instanceof List ? (List<String>) v : List.of();
    }

    /**
     * {@code INFO <json>\r\n} as nats-server forwards a new route's INFO to its other routes, with {@code ip} set to
     * {@code ip} unless the peer advertised one itself.
     */
    byte[] forwarded(String ip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes("INFO ".getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Field f : STRUCT) {
                Object v = values.get(f.name());
                if (f.name().equals("ip") && (v == null || v.toString().isEmpty())) {
                    v = ip;
                }
                write(g, f, v);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Field f, Object v) throws IOException {
        switch (f.kind()) {
            case STRING -> {
                String s = v == null || v instanceof List || v instanceof Raw ? "" : v.toString();
                if (!s.isEmpty() || !f.omitEmpty()) {
                    g.writeStringField(f.name(), s);
                }
            }
            case NUMBER -> {
                long n = v instanceof Number ? ((Number) v).longValue() : 0;
                if (n != 0 || !f.omitEmpty()) {
                    g.writeNumberField(f.name(), n);
                }
            }
            case BOOL -> {
                boolean b = Boolean.TRUE.equals(v);
                if (b || !f.omitEmpty()) {
                    g.writeBooleanField(f.name(), b);
                }
            }
            case STRINGS -> {
                if (v instanceof List && !((List<?>) v).isEmpty()) {
                    g.writeArrayFieldStart(f.name());
                    for (Object s : (List<?>) v) {
                        g.writeString(s.toString());
                    }
                    g.writeEndArray();
                }
            }
            case RAW -> {
                if (v instanceof Raw) {
                    g.writeFieldName(f.name());
                    g.writeRawValue(((Raw) v).json());
                }
            }
            default -> throw new IllegalStateException(f.kind().toString());
        }
    }
}
