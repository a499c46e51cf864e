package io.dialtone.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation and matching tables, mirroring nats-server 2.9.10's sublist_test.go. */
class SubjectsTest {

    static Stream<Arguments> validSubjects() {
        return Stream.of(
                Arguments.of("", false),
                Arguments.of(".", false),
                Arguments.of(".foo", false),
                Arguments.of("foo.", false),
                Arguments.of("foo..bar", false),
                Arguments.of("foo.bar..baz", false),
                Arguments.of(">.bar", false),
                Arguments.of("foo.>.bar", false),
                Arguments.of("foo.>.*", false),
                Arguments.of(">.>", false),
                Arguments.of("foo", true),
                Arguments.of("foo.bar.*", true),
                Arguments.of("foo.bar.>", true),
                Arguments.of("foo.*.>", true),
                Arguments.of("*.*", true),
                Arguments.of("*", true),
                Arguments.of(">", true),
                Arguments.of("foo*", true),
                Arguments.of("foo**", true),
                Arguments.of("foo.**", true),
                Arguments.of("foo*bar", true),
                Arguments.of("foo.*bar", true),
                Arguments.of("foo*.bar", true),
                Arguments.of("*bar", true),
                Arguments.of("foo>", true),
                Arguments.of("foo.>>", true),
                Arguments.of("foo>bar", true),
                Arguments.of("foo.>bar", true),
                Arguments.of("foo>.bar", true),
                Arguments.of(">bar", true),
                Arguments.of("foo.>-", true),
                Arguments.of("foo bar", false),
                Arguments.of(" ", false),
                Arguments.of("foo. ", false),
                Arguments.of("foo.\t", false),
                Arguments.of("foo\tbar", false),
                Arguments.of("foo\nbar", false),
                Arguments.of("foo\rbar", false),
                Arguments.of("foo\fbar", false),
                Arguments.of("foo.bar ", false),
                Arguments.of(" foo", false),
                Arguments.of("foo.> ", false),
                Arguments.of("foo\u000bbar", true), // vertical tab is not in nats-server's whitespace set
                Arguments.of("$SYS.REQ.SERVER.PING", true),
                Arguments.of("_INBOX.abc123.*", true),
                Arguments.of("ünïcødé.主题", true));
    }

    @ParameterizedTest(name = "isValidSubject({0}) = {1}")
    @MethodSource("validSubjects")
    void isValidSubject(String subject, boolean expected) {
        assertEquals(expected, Subjects.isValidSubject(subject));
    }

    @Test
    void nullIsInvalid() {
        assertFalse(Subjects.isValidSubject(null));
        assertFalse(Subjects.isValidLiteralSubject(null));
        assertFalse(Subjects.isValidQueueName(null));
    }

    static Stream<Arguments> validLiteralSubjects() {
        return Stream.of(
                Arguments.of("foo", true),
                Arguments.of("foo.bar", true),
                Arguments.of("", false),
                Arguments.of(".foo", false),
                Arguments.of("foo.", false),
                Arguments.of("foo..bar", false),
                Arguments.of("foo.bar.*", false),
                Arguments.of("foo.bar.>", false),
                Arguments.of("foo.*.bar", false),
                Arguments.of("*", false),
                Arguments.of(">", false),
                Arguments.of("foo*", true),
                Arguments.of("foo**", true),
                Arguments.of("foo.**", true),
                Arguments.of("foo*bar", true),
                Arguments.of("foo.*bar", true),
                Arguments.of("foo*.bar", true),
                Arguments.of("*bar", true),
                Arguments.of("foo>", true),
                Arguments.of("foo>>", true),
                Arguments.of("foo.>>", true),
                Arguments.of("foo>bar", true),
                Arguments.of("foo.>bar", true),
                Arguments.of("foo>.bar", true),
                Arguments.of(">bar", true),
                Arguments.of("foo bar", false),
                Arguments.of("foo.\tbar", false));
    }

    @ParameterizedTest(name = "isValidLiteralSubject({0}) = {1}")
    @MethodSource("validLiteralSubjects")
    void isValidLiteralSubject(String subject, boolean expected) {
        assertEquals(expected, Subjects.isValidLiteralSubject(subject));
    }

    static Stream<Arguments> literalSubjects() {
        return Stream.of(
                Arguments.of("foo", true),
                Arguments.of("foo.bar", true),
                Arguments.of("foo*.bar", true),
                Arguments.of("foo.*-", true),
                Arguments.of("foo.>-", true),
                Arguments.of("*", false),
                Arguments.of(">", false),
                Arguments.of("foo.*", false),
                Arguments.of("foo.>", false),
                Arguments.of("foo.*.>", false),
                Arguments.of("foo.*.bar", false),
                Arguments.of("foo.bar.>", false),
                Arguments.of("*.bar", false));
    }

    @ParameterizedTest(name = "subjectIsLiteral({0}) = {1}")
    @MethodSource("literalSubjects")
    void subjectIsLiteral(String subject, boolean expected) {
        assertEquals(expected, Subjects.subjectIsLiteral(subject));
    }

    static Stream<Arguments> queueNames() {
        return Stream.of(
                Arguments.of("workers", true),
                Arguments.of("v1.workers", true),
                Arguments.of("q*", true),
                Arguments.of(">", true),
                Arguments.of("", false),
                Arguments.of("a b", false),
                Arguments.of("a\tb", false),
                Arguments.of("a\r\n", false));
    }

    @ParameterizedTest(name = "isValidQueueName({0}) = {1}")
    @MethodSource("queueNames")
    void isValidQueueName(String queue, boolean expected) {
        assertEquals(expected, Subjects.isValidQueueName(queue));
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                // from TestSublistMatchLiterals
                Arguments.of("foo", "foo", true),
                Arguments.of("foo", "bar", false),
                Arguments.of("foo", "*", true),
                Arguments.of("foo", ">", true),
                Arguments.of("foo.bar", ">", true),
                Arguments.of("foo.bar", "foo.>", true),
                Arguments.of("foo.bar", "bar.>", false),
                Arguments.of("stats.test.22", "stats.>", true),
                Arguments.of("stats.test.22", "stats.*.*", true),
                Arguments.of("foo.bar", "foo", false),
                Arguments.of("stats.test.foos", "stats.test.foos", true),
                Arguments.of("stats.test.foos", "stats.test.foo", false),
                Arguments.of("stats.test", "stats.test.*", false),
                Arguments.of("stats.test.foos", "stats.*", false),
                Arguments.of("stats.test.foos", "stats.*.*.foos", false),
                Arguments.of("*bar", "*bar", true),
                Arguments.of("foo*", "foo*", true),
                Arguments.of("foo*bar", "foo*bar", true),
                Arguments.of("foo.***.bar", "foo.***.bar", true),
                Arguments.of(">bar", ">bar", true),
                Arguments.of("foo>", "foo>", true),
                Arguments.of("foo>bar", "foo>bar", true),
                Arguments.of("foo.>>>.bar", "foo.>>>.bar", true),
                // more
                Arguments.of("foo.bar", "foo*", false),
                Arguments.of("foo.bar", "*bar", false),
                Arguments.of("foobar", "foo*", false),
                Arguments.of("foo", "foo.>", false),
                Arguments.of("foo", "foo.*", false),
                Arguments.of("a.b.c", "a.*.c", true),
                Arguments.of("a.b.c", "*.*.*", true),
                Arguments.of("a.b.c", "*.>", true),
                Arguments.of("a.b.c", "a.b.c.>", false),
                Arguments.of("foo.*-", "foo.*-", true),
                Arguments.of("foo.bar", "foo.*-", false),
                Arguments.of("foo.*", "foo.*", true), // '*' in a literal is just a token
                Arguments.of("foo.>", "foo.*", true),
                Arguments.of("foo.bar", "foo.>.bar", false), // malformed pattern
                Arguments.of("foo.bar", "foo..bar", false),
                Arguments.of("foo..bar", ">", false), // empty literal token
                Arguments.of(".foo", ">", false),
                Arguments.of("foo.", "foo.>", false),
                Arguments.of("", ">", false),
                Arguments.of("foo", "", false));
    }

    @ParameterizedTest(name = "subjectMatches({0}, {1}) = {2}")
    @MethodSource("matches")
    void subjectMatches(String literal, String pattern, boolean expected) {
        assertEquals(expected, Subjects.subjectMatches(literal, pattern));
    }

    static Stream<Arguments> collisions() {
        return Stream.of(
                // from TestSublistSubjectCollide
                Arguments.of("foo.*", "foo.*.bar.>", false),
                Arguments.of("foo.*.bar.>", "foo.*", false),
                Arguments.of("foo.*", "foo.foo", true),
                Arguments.of("foo.*", "*.foo", true),
                Arguments.of("foo.bar.>", "*.bar.foo", true),
                // more
                Arguments.of("foo", "foo", true),
                Arguments.of("foo", "bar", false),
                Arguments.of("foo.bar", "foo.baz", false),
                Arguments.of(">", "foo", true),
                Arguments.of(">", "*", true),
                Arguments.of("foo", "foo.>", false),
                Arguments.of("foo.>", "*.*.*", true),
                Arguments.of("foo.>", "bar.>", false),
                Arguments.of("a.*", "a.b.c.>", false),
                Arguments.of("a.b.>", "a.*.c.d.*", true),
                Arguments.of("*.b", "a.*", true),
                Arguments.of("*.b", "a.*.c", false),
                Arguments.of("foo..bar", "foo.*.bar", false),
                Arguments.of("foo..bar", "foo..bar", true)); // equal strings, as nats-server
    }

    @ParameterizedTest(name = "subjectsCollide({0}, {1}) = {2}")
    @MethodSource("collisions")
    void subjectsCollide(String a, String b, boolean expected) {
        assertEquals(expected, Subjects.subjectsCollide(a, b));
        assertEquals(expected, Subjects.subjectsCollide(b, a));
    }

    static Stream<Arguments> subsets() {
        return Stream.of(
                // from TestIsSubsetMatch
                Arguments.of("foo.*", ">", true),
                Arguments.of("foo.*", "*.*", true),
                Arguments.of("foo.*", "foo.*", true),
                Arguments.of("foo.*", "foo.bar", false),
                Arguments.of("foo.>", ">", true),
                Arguments.of("foo.>", "*.>", true),
                Arguments.of("foo.>", "foo.>", true),
                Arguments.of("foo.>", "foo.bar", false),
                Arguments.of("foo..bar", "foo.*", false),
                Arguments.of("foo.*", "foo..bar", false),
                // more
                Arguments.of("foo.bar", "foo.*", true),
                Arguments.of("foo.bar", "foo.bar", true),
                Arguments.of("foo.bar", "foo.>", true),
                Arguments.of("foo", "foo.>", false),
                Arguments.of("foo.bar.baz", "foo.*", false),
                Arguments.of("foo", "foo.bar", false),
                Arguments.of(">", "foo.>", false),
                Arguments.of(">", ">", true),
                Arguments.of("*", ">", true),
                Arguments.of("*.*", "foo.*", false),
                Arguments.of("foo.>", "foo.*", false));
    }

    @ParameterizedTest(name = "subjectIsSubsetMatch({0}, {1}) = {2}")
    @MethodSource("subsets")
    void subjectIsSubsetMatch(String subject, String test, boolean expected) {
        assertEquals(expected, Subjects.subjectIsSubsetMatch(subject, test));
    }

    @Test
    void subsetImpliesCollisionAndMatchAgrees() {
        String[] all = {"a", "b", "*", ">", "a.b", "a.*", "*.b", "*.*", "a.>", "*.>", "a.b.c", "a.*.c", "b.>"};
        String[] literals = {"a", "b", "c", "a.b", "a.c", "b.b", "a.b.c", "a.x.c", "b.x.y.z"};
        for (String s : all) {
            for (String t : all) {
                if (Subjects.subjectIsSubsetMatch(s, t)) {
                    assertTrue(Subjects.subjectsCollide(s, t), s + " subset of " + t);
                    for (String lit : literals) {
                        if (Subjects.subjectMatches(lit, s)) {
                            assertTrue(Subjects.subjectMatches(lit, t), lit + " ~ " + s + " ⊂ " + t);
                        }
                    }
                }
                boolean shared = false;
                for (String lit : literals) {
                    shared |= Subjects.subjectMatches(lit, s) && Subjects.subjectMatches(lit, t);
                }
                if (shared) {
                    assertTrue(Subjects.subjectsCollide(s, t), s + " collides " + t);
                }
            }
        }
    }
}
