package io.dialtone.config.parse;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

/** Test helpers: parse text with a fixed environment. */
final class Conf {

    static final Map<String, String> ENV = Map.of(
            "DT_INT", "42",
            "DT_STR", "hello",
            "DT_SIZE", "2MB",
            "DT_QUOTED", "'3xyz'",
            "DT_3G", "3Gyz",
            "DT_LIST", "[1, 2 ]",
            "DT_BAD", "a b",
            "DT_SELF", "$DT_SELF",
            "DT_EMPTY", "");

    private Conf() {
    }

    static ConfParser parser() {
        return ConfParser.withEnvironment(ENV::get);
    }

    static ConfMap parse(String text) {
        try {
            return parser().parseText(text, null, "t.conf");
        } catch (ConfException e) {
            throw new AssertionError("unexpected: " + e.getMessage(), e);
        }
    }

    static ConfException fail(String text) {
        return assertThrows(ConfException.class, () -> parser().parseText(text, null, "t.conf"));
    }
}
