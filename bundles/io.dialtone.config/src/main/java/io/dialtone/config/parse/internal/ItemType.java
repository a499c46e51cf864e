package io.dialtone.config.parse.internal;

/** The kinds of token the {@link Lexer} emits (comments are skipped, not emitted). */
public enum ItemType {
    ERROR, EOF, KEY, STRING, BOOL, INTEGER, FLOAT, DATETIME,
    ARRAY_START, ARRAY_END, MAP_START, MAP_END, VARIABLE, INCLUDE
}
