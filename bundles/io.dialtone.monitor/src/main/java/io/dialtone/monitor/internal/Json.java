package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON the way nats-server's {@code json.MarshalIndent(v, "", "  ")} lays it out, from Jackson's streaming generator. */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final Separators SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");

    /** What a writer puts into a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private Json() {
    }

    /** Indented JSON, as nats-server's endpoints answer. */
    static String indented(Body body) {
        return render(body, true);
    }

    /** Compact JSON (nats-server's /healthz). */
    static String compact(Body body) {
        return render(body, false);
    }

    private static String render(Body body, boolean indent) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (indent) {
                g.setPrettyPrinter(new DefaultPrettyPrinter(SEPARATORS).withObjectIndenter(INDENT)
                        .withArrayIndenter(INDENT));
            }
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the field only when the value is neither null nor empty: Go's {@code omitempty} for strings. */
    static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    /** A Go float64 field: whole values without a fraction ({@code 2}, not {@code 2.0}), as encoding/json writes them. */
    static void float64(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        float64Value(g, value);
    }

    /** A Go float64 value (see {@link #float64(JsonGenerator, String, double)}). */
    static void float64Value(JsonGenerator g, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            g.writeNumber((long) value);
        } else {
            g.writeNumber(value);
        }
    }

    /** An empty object field: {@code "name": {}}. */
    static void emptyObject(JsonGenerator g, String name) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeEndObject();
    }

    /** {@code "name": {...}} from a JSON-shaped map (see io.dialtone.api.runtime.ServerFeature). */
    static void object(JsonGenerator g, String name, Map<String, ?> fields) throws IOException {
        g.writeFieldName(name);
        value(g, fields);
    }

    /** A JSON-shaped value: String, Boolean, Number, null, maps and lists of them (anything else as its string). */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number) {
            float64Value(g, ((Number) v).doubleValue());
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof java.util.List) {
            g.writeStartArray();
            for (Object x : (java.util.List<?>) v) {
                value(g, x);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** nats-server's four traffic counters, in its order. */
    static void traffic(JsonGenerator g, long inMsgs, long outMsgs, long inBytes, long outBytes) throws IOException {
        g.writeNumberField("in_msgs", inMsgs);
        g.writeNumberField("out_msgs", outMsgs);
        g.writeNumberField("in_bytes", inBytes);
        g.writeNumberField("out_bytes", outBytes);
    }
}
