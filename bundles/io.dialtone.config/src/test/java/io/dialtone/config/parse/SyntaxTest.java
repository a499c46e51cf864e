package io.dialtone.config.parse;

import static io.dialtone.config.parse.Conf.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"port: 4222", "port = 4222", "port 4222", "port:4222", "port=4222", "port\t4222",
        "port :  4222", "port: 4222;", "port: 4222,", "  port: 4222 # comment", "port: 4222 // comment",
        "\"port\": 4222", "'port' = 4222", "port\n\n  4222"})
    void keyValueSeparators(String text) {
        assertEquals(Map.of("port", 4222L), parse(text));
    }

    @Test
    void orderIsKept() {
        ConfMap m = parse("z: 1\na: 2\nm: 3\n");
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
    }

    @Test
    void severalEntriesOnALine() {
        assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), parse("a = 1; b = 2, c = 3"));
        assertEquals(Map.of("a", true, "b", false), parse("a: true;b: false"));
    }

    @Test
    void mapsWithAndWithoutSeparator() {
        Map<String, Object> expected = Map.of("cluster", Map.of("port", 6222L, "name", "c"));
        assertEquals(expected, parse("cluster { port: 6222, name: c }"));
        assertEquals(expected, parse("cluster: {port: 6222; name: c}"));
        assertEquals(expected, parse("cluster = {\n  port = 6222\n  name = c\n}"));
        assertEquals(expected, parse("cluster {\n  # c\n  port 6222 // x\n\n  name: c\n}"));
        assertEquals(Map.of("a", Map.of(), "b", List.of()), parse("a: {}\nb: []"));
        assertInstanceOf(ConfMap.class, parse("a {}").get("a"));
    }

    @Test
    void nestedMapsAndQuotedMapKeys() {
        assertEquals(Map.of("x", Map.of("a b", 1L, "c d", 2L, "e", Map.of("f", "g"))),
                parse("x { \"a b\": 1, 'c d': 2\n e {f: g} }"));
    }

    @Test
    void arraysWithMixedTypesAndSeparators() {
        ConfMap m = parse("a [\n  1, 2 # comment\n  // other\n  \"x\"\n  {b: 1}\n  [nested, 3 ]\n  true, 1.5\n]");
        assertEquals(List.of(1L, 2L, "x", Map.of("b", 1L), List.of("nested", 3L), true, 1.5), m.get("a"));
        assertInstanceOf(ConfList.class, m.get("a"));
        assertEquals(List.of("a.com", "b.com"), parse("s = [ \"a.com\", \"b.com\"]").get("s"));
    }

    @Test
    void topLevelBracesJsonStyle() {
        assertEquals(Map.of("port", 4222L, "host", "x"), parse("{ \"port\": 4222, \"host\": \"x\" }"));
        assertEquals(Map.of("a", 1L, "b", List.of(2L, 3L)), parse("{\n\"a\": 1,\n\"b\": [2, 3 ]\n}\n"));
        assertEquals(Map.of("a", 1L), parse("{\na: 1\n}"));
    }

    @Test
    void quotedStrings() {
        ConfMap m = parse("a: \"x\\x41y\\tz\\n\\r\\\"\\\\\"\nb: 'no \\t escapes'\nc: \"\"\nd: 'multi\nline'\ne: \"\\xc3\\xa9\"");
        assertEquals("xAy\tz\n\r\"\\", m.get("a"));
        assertEquals("no \\t escapes", m.get("b"));
        assertEquals("", m.get("c"));
        assertEquals("multi\nline", m.get("d"));
        assertEquals("\u00e9", m.get("e"), "\\x escapes are bytes of UTF-8");
        assertEquals("(true == \"false\")", parse("expr = '(true == \"false\")'").get("expr"));
        assertEquals("unicode \u00e9 \u2713", parse("a: \"unicode \u00e9 \u2713\"").get("a"));
    }

    @Test
    void bareStrings() {
        ConfMap m = parse("a: hello\nb: nats://u:p@host:4222\nc: 127.0.0.1:4222\nd: 1node\ne: 10xb\nf: +5\n"
                + "g: 1.2.3\nh: x\\x41\ni: a.b-c_d/e\nj: 0.0.0.0\nk: -1.2.3\nl: 2fa\nm: 70%");
        assertEquals("hello", m.get("a"));
        assertEquals("nats://u:p@host:4222", m.get("b"));
        assertEquals("127.0.0.1:4222", m.get("c"));
        assertEquals("1node", m.get("d"));
        assertEquals("10xb", m.get("e"), "not a size suffix: a string, as in nats-server");
        assertEquals("+5", m.get("f"), "no '+' sign for numbers");
        assertEquals("1.2.3", m.get("g"));
        assertEquals("xA", m.get("h"), "escapes apply to bare strings too");
        assertEquals("a.b-c_d/e", m.get("i"));
        assertEquals("0.0.0.0", m.get("j"));
        assertEquals("-1.2.3", m.get("k"));
        assertEquals("2fa", m.get("l"));
        assertEquals("70%", m.get("m"));
        assertEquals("ab", parse("a: ab'").get("a"), "a single quote ends a bare string");
        assertEquals("", parse("a:").get("a"), "a separator at EOF gives an empty string");
    }

    @Test
    void blockStrings() {
        assertEquals("\nabc\n  def\n", parse("a (\nabc\n  def\n)\n").get("a"));
        assertEquals("\nx\n  )\ny\n", parse("a (\nx\n  )\ny\n)\nb: 1").get("a"), "only a ')' alone on its line ends it");
        assertEquals(Map.of("t", "\nline\n"), parse("x {\n t: (\nline\n)\n}").get("x"));
        assertEquals("\nabc\n)", parse("a (\nabc\n)").get("a"), "nats-server keeps the ')' when it ends the input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "tRuE", "yes", "YES", "on", "On"})
    void booleanTrue(String word) {
        assertEquals(true, parse("a: " + word).get("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "NO", "off", "OFF"})
    void booleanFalse(String word) {
        assertEquals(false, parse("a: " + word).get("a"));
    }

    @Test
    void quotedBooleanIsAString() {
        assertEquals("true", parse("a: \"true\"").get("a"));
        assertEquals("truex", parse("a: truex").get("a"));
    }

    @Test
    void numbers() {
        ConfMap m = parse("a: 0\nb: -17\nc: 007\nd: 1.5\ne: -0.25\nf: 9223372036854775807\n"
                + "g: -9223372036854775808\nh: [-1]\ni: [1.5]\nj: [ 1 ]\nk: {x: 1}");
        assertEquals(0L, m.get("a"));
        assertEquals(-17L, m.get("b"));
        assertEquals(7L, m.get("c"));
        assertEquals(1.5, m.get("d"));
        assertEquals(-0.25, m.get("e"));
        assertEquals(Long.MAX_VALUE, m.get("f"));
        assertEquals(Long.MIN_VALUE, m.get("g"));
        assertEquals(List.of(-1L), m.get("h"));
        assertEquals(List.of(1.5), m.get("i"));
        assertEquals(List.of(1L), m.get("j"));
        assertEquals(Map.of("x", 1L), m.get("k"));
    }

    @Test
    void datetimes() {
        ConfMap m = parse("now = 2016-05-04T18:53:41Z\ngmt = false\nleap: 2024-02-29T00:00:00Z");
        assertEquals(Instant.parse("2016-05-04T18:53:41Z"), m.get("now"));
        assertEquals(false, m.get("gmt"));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), m.get("leap"));
    }

    @Test
    void durationsStayStrings() {
        ConfMap m = parse("ping_interval: \"2m\"\nwrite_deadline: 10s\nx: 1h30m");
        assertEquals("2m", m.get("ping_interval"));
        assertEquals("10s", m.get("write_deadline"));
        assertEquals("1h30m", m.get("x"));
        assertEquals(1_000_000L, parse("ping_interval: 1m").get("ping_interval"), "unquoted 1m is a size");
    }

    @Test
    void lastDefinitionWins() {
        ConfMap m = parse("a = 1\nb = 0\na = 2");
        assertEquals(2L, m.get("a"));
        assertEquals(List.of("a", "b"), List.copyOf(m.keySet()));
        assertEquals(3, m.keyPosition("a").line());
    }

    @Test
    void commentsEverywhere() {
        ConfMap m = parse("# a\n// b\na: 1 # c\nb: [ # d\n 2 // e\n ]\nc { # f\n d: 3 // g\n}\n# end");
        assertEquals(Map.of("a", 1L, "b", List.of(2L), "c", Map.of("d", 3L)), m);
        assertTrue(parse("# only a comment").isEmpty());
        assertTrue(parse("").isEmpty());
        assertTrue(parse("  \n\t\n").isEmpty());
    }

    @Test
    void includeIsAKeywordOnlyWhenFollowedByBlank() {
        assertEquals(Map.of("include", "x"), parse("include: x"));
        assertEquals(Map.of("includes", "x"), parse("includes x"));
    }
}
