package io.dialtone.webconsole.internal;

/**
 * A small JSON writer for the NATS page's snapshot. Strings are escaped so that the text is also safe inside HTML
 * ({@code <}, {@code >}, {@code &} and the line separators become {@code \}u escapes).
 */
final class Json {

    private final StringBuilder out = new StringBuilder(256);
    /** Whether the next member of the current object or array needs a comma before it. */
    private boolean comma;

    Json begin() {
        out.append('{');
        comma = false;
        return this;
    }

    Json end() {
        out.append('}');
        comma = true;
        return this;
    }

    Json object(String name) {
        name(name);
        return begin();
    }

    Json array(String name) {
        name(name);
        out.append('[');
        comma = false;
        return this;
    }

    /** Starts an object element of the current array. */
    Json element() {
        if (comma) {
            out.append(',');
        }
        return begin();
    }

    Json endArray() {
        out.append(']');
        comma = true;
        return this;
    }

    Json field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        comma = true;
        return this;
    }

    Json field(String name, long value) {
        name(name);
        out.append(value);
        comma = true;
        return this;
    }

    Json field(String name, boolean value) {
        name(name);
        out.append(value);
        comma = true;
        return this;
    }

    private void name(String name) {
        if (comma) {
            out.append(',');
        }
        string(name);
        out.append(':');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
