package io.dialtone.config.parse.internal;

/**
 * One token.
 *
 * @param type   what it is
 * @param value  its text (for {@link ItemType#ERROR}: the message; for {@link ItemType#VARIABLE}: the name)
 * @param line   1-based line where it starts (for errors: nats-server's line of the offending character)
 * @param column 1-based column where it starts
 */
public record Item(ItemType type, String value, int line, int column) {
}
