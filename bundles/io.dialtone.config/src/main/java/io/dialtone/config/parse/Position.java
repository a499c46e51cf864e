package io.dialtone.config.parse;

import java.util.Objects;

/**
 * Where a key or value starts: the source (a file path or a name given by the caller), a 1-based line and a
 * 1-based column counted in UTF-16 characters.
 *
 * <p>nats-server itself reports the column of items on the first line 0-based and on later lines 1-based
 * ({@code t.conf:1:0: unknown field "foo"}); Dialtone is 1-based everywhere.
 *
 * @param source the file path or source name, never {@code null}
 * @param line   1-based line
 * @param column 1-based column
 */
public record Position(String source, int line, int column) {

    /** Validates the components. */
    public Position {
        Objects.requireNonNull(source, "source");
    }

    /** @return {@code source:line:column}, the form nats-server uses in its messages */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
