package io.dialtone.config.parse;

import static io.dialtone.config.parse.Conf.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableTest {

    @Test
    void topLevelVariable() {
        ConfMap m = parse("PORT = 4333\nport: $PORT");
        assertEquals(4333L, m.get("port"));
        assertEquals(4333L, m.get("PORT"), "variables stay keys, as in nats-server");
        assertTrue(m.isUsedAsVariable("PORT"));
        assertFalse(m.isUsedAsVariable("port"));
    }

    @Test
    void innermostScopeWinsAndOnlyDefinitionsSoFarCount() {
        ConfMap m = parse("A = 5\nb { c: $A, A: 7, d: $A }\ne: $A");
        assertEquals(Map.of("A", 7L, "c", 5L, "d", 7L), m.get("b"));
        assertEquals(5L, m.get("e"));
    }

    @Test
    void resolvedThroughArraysToEnclosingMaps() {
        ConfMap m = parse("y: 1\nx: [$y, {z: $y}, [ $y ]]");
        assertEquals(List.of(1L, Map.of("z", 1L), List.of(1L)), m.get("x"));
    }

    @Test
    void containerValuesAreShared() {
        ConfMap m = parse("perms = { publish: \"a.>\" }\nauthorization { users: [ {user: u, permissions: $perms} ] }");
        ConfMap auth = (ConfMap) m.get("authorization");
        ConfMap user = (ConfMap) ((List<?>) auth.get("users")).get(0);
        assertSame(m.get("perms"), user.get("permissions"));
        assertEquals(Map.of("publish", "a.>"), user.get("permissions"));
    }

    @Test
    void environmentValuesAreParsedAsConfValues() {
        ConfMap m = parse("a: $DT_INT\nb: $DT_STR\nc: $DT_SIZE\nd: $DT_QUOTED\ne: $DT_3G\nf: $DT_LIST\ng: $DT_EMPTY");
        assertEquals(42L, m.get("a"));
        assertEquals("hello", m.get("b"));
        assertEquals(2097152L, m.get("c"));
        assertEquals("3xyz", m.get("d"));
        assertEquals("3Gyz", m.get("e"));
        assertEquals(List.of(1L, 2L), m.get("f"));
        assertEquals("", m.get("g"));
    }

    @Test
    void scopesShadowTheEnvironment() {
        assertEquals(1L, parse("DT_INT = 1\na: $DT_INT").get("a"));
    }

    @Test
    void bcryptHashIsNotAVariable() {
        String hash = "$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG";
        assertEquals(hash, parse("password: " + hash).get("password"));
        assertEquals(hash, ((Map<?, ?>) parse("u { password: " + hash + " }").get("u")).get("password"));
        // only "$2a$": other bcrypt versions are variable references in nats-server 2.9 (see ErrorTest)
    }

    @Test
    void quotedDollarIsAString() {
        assertEquals("$NOPE", parse("a: \"$NOPE\"").get("a"));
        assertEquals("pa$$word", parse("a: pa$$word").get("a"));
    }

    @Test
    void variableReferenceRecordsItsOwnPosition() {
        ConfMap m = parse("V = 1\n\nx:   $V");
        assertEquals(new Position("t.conf", 3, 6), m.valuePosition("x"));
        assertEquals(new Position("t.conf", 1, 5), m.valuePosition("V"));
    }

    @Test
    void customEnvironment() throws ConfException {
        ConfMap m = ConfParser.withEnvironment(Map.of("X", "on")::get).parseText("a: $X", null, null);
        assertEquals(true, m.get("a"));
        assertEquals("<text>", m.keyPosition("a").source());
    }
}
