package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            g.writeNumberField(name, (long) value);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** An empty object field: {@code "name": {}}. */
    static void emptyObject(JsonGenerator g, String name) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeEndObject();
    }

    /** nats-server's four traffic counters, in its order. */
    static void traffic(JsonGenerator g, long inMsgs, long outMsgs, long inBytes, long outBytes) throws IOException {
        g.writeNumberField("in_msgs", inMsgs);
        g.writeNumberField("out_msgs", outMsgs);
        g.writeNumberField("in_bytes", inBytes);
        g.writeNumberField("out_bytes", outBytes);
    }
}
