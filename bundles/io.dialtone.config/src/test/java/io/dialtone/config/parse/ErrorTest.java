package io.dialtone.config.parse;

import static io.dialtone.config.parse.Conf.fail;
import static io.dialtone.config.parse.Conf.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every parse error with its line and column. Lines are those nats-server 2.9.10 reports for the same input
 * (checked by hand with {@code nats-server -t}, and by {@link CorpusDifferentialTest} for the corpus).
 */
class ErrorTest {

    private static void assertError(String text, int line, int column, String reasonPart) {
        ConfException e = fail(text);
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(reasonPart), () -> "reason: " + e.reason());
        assertEquals("t.conf:" + line + ":" + column + ": " + e.reason(), e.getMessage());
        assertEquals("t.conf", e.source());
    }

    @Test
    void unterminatedStrings() {
        assertError("a: \"abc", 1, 7, "Unexpected EOF.");
        assertError("port: 4222\nserver_name: \"abc\n", 3, 1, "Unexpected EOF.");
        assertError("a: 'abc\n\n", 3, 1, "Unexpected EOF.");
        assertError("x { a: \"abc }", 1, 13, "Unexpected EOF.");
    }

    @Test
    void unterminatedArray() {
        assertError("port: 4222\nfoo: [1,2\n", 3, 1, "Expected an array value terminator \",\" or an array terminator \"]\", but got 'EOF' instead.");
        assertError("a: [", 1, 4, "but got 'EOF'");
    }

    @Test
    void unterminatedBlock() {
        assertError("port: 4222\nfoo: (\nabc\n", 4, 1, "Unexpected EOF processing block.");
        assertError("a (\nabc\n  )\n", 4, 1, "Unexpected EOF processing block.");
    }

    @Test
    void unterminatedMap() {
        assertError("port: 4222\nfoo {\n a: 1\n", 4, 1, "Unexpected EOF processing map.");
        assertError("x { abc", 1, 7, "Unexpected EOF processing map key.");
        assertError("x { 'a", 1, 6, "Unexpected EOF processing quoted map key.");
        assertError("x { \"a", 1, 6, "Unexpected EOF processing double quoted map key.");
    }

    @Test
    void sizeSuffixes() {
        assertError("port: 4222\nmax_payload: 10kbb\n", 2, 14, "invalid size suffix 'kbb' in '10kbb'");
        assertError("a: 1kbi", 1, 4, "invalid size suffix");
        assertError("a: 10e", 1, 4, "integer '10e' is out of the range");
        assertError("a: 8eb", 1, 4, "is out of the range");
        assertError("a: 99999999999999999999", 1, 4, "integer '99999999999999999999' is out of the range");
        // "10xb" is not a number with a bad unit for nats-server but a bare string: see SyntaxTest.bareStrings.
        assertEquals("10xb", parse("a: 10xb").get("a"));
    }

    @Test
    void badNumbersAndDates() {
        assertError("a: .5", 1, 4, "Floats must start with a digit");
        assertError("a: -.5", 1, 5, "Floats must start with a digit, not '.'.");
        assertError("a: -x", 1, 5, "Expected a digit but got 'x'.");
        assertError("a: 1.", 1, 5, "Floats must have a digit after the '.', but got 'EOF' instead.");
        assertError("a: 1.5k", 1, 7, "Expected a top-level value to end");
        assertError("a: 12-3", 1, 6, "All ISO8601 dates must be in full Zulu form.");
        assertError("a: 2016-05-04X", 1, 14, "Expected 'T' in ISO8601 datetime, but found 'X' instead.");
        assertError("a: 2016-05-0x", 1, 13, "Expected digit in ISO8601 datetime, but found 'x' instead.");
        assertError("a: 2016-13-04T18:53:41Z", 1, 4, "expected Zulu formatted DateTime, but got '2016-13-04T18:53:41Z'");
        assertError("a: 2023-02-29T00:00:00Z", 1, 4, "expected Zulu formatted DateTime");
    }

    @Test
    void badEscapes() {
        assertError("a: \"x\\q\"", 1, 7, "Invalid escape character 'q'. Only the following escape characters are allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\.");
        assertError("a: \"\\xZZ\"", 1, 8, "Expected two hexadecimal digits after '\\x', but got 'ZZ'");
        assertError("a: \"\\x4\n\"", 2, 1, "Expected two hexadecimal digits after '\\x', but hit end of line");
        assertError("a: b\\q", 1, 6, "Invalid escape character 'q'");
    }

    @Test
    void unexpectedTokens() {
        assertError("port: 4222\n= 5\n", 2, 1, "Unexpected key separator '='");
        assertError("x { : 1 }", 1, 5, "Unexpected key separator ':'.");
        assertError("x { ] }", 1, 5, "Unexpected array end ']' processing map.");
        assertError("x { a: , }", 1, 8, "Unexpected map value terminator \",\".");
        assertError("a: [a, , b]", 1, 8, "Unexpected array value terminator ','.");
        assertError("x [ , ]", 1, 5, "Unexpected array value terminator ','.");
        assertError("host: a b", 1, 9, "Expected a top-level value to end with a new line, comment or EOF, but got 'b' instead.");
        assertError("a: \"x\" y", 1, 8, "but got 'y' instead");
        assertError("a: 'it''s'", 1, 8, "but got ''' instead");
        assertError("x { a: 1 b }", 1, 10, "Expected a map value terminator \",\" or a map terminator \"}\", but got 'b' instead.");
        assertError("x [ 1 2 ]", 1, 7, "Expected an array value terminator");
        assertError("a:\n 1", 2, 1, "Expected value but found new line");
        assertError("a: 1\n/ b: 1", 2, 1, "Unexpected EOF.");
    }

    @Test
    void positiveIntegerRightBeforeBracketIsAnError() {
        // lex.go reads "1]" as a bare string, so the array never ends (nats-server rejects "[1]" too).
        assertError("a: [1]", 1, 6, "but got 'EOF' instead");
        assertError("port: 4222\nserver_tags: [1]\n", 3, 1, "Expected an array value terminator");
    }

    @Test
    void keysWithoutValue() {
        assertError("port: 1\nfoo", 2, 1, "key 'foo' has no value");
        assertError("x {\n  a: 1\n  b\n}", 3, 3, "key 'b' has no value");
        assertError("x { a: }", 1, 5, "key 'a' has no value");
        assertError("a: \"", 1, 1, "key 'a' has no value");
        assertError("a: [ \"", 1, 1, "key 'a' has no value");
    }

    @Test
    void badIncludeOperands() {
        assertError("include [x]", 1, 9, "Expected include value but found start of an array");
        assertError("include {x}", 1, 9, "Expected include value but found start of a map");
        assertError("include (x)", 1, 9, "Expected include value but found start of a block");
        assertError("include 5", 1, 9, "Expected include value but found start of a number");
        assertError("include -x", 1, 9, "Expected include value but found start of a number");
        assertError("include \\x", 1, 9, "Expected include value but found escape sequence");
        assertError("include \"x", 1, 10, "Unexpected EOF in double quoted include");
        assertError("include 'x", 1, 10, "Unexpected EOF in quoted include");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a: $NOPE|1|4|variable reference for 'NOPE' can not be found",
        "a: 1\\nb {\\n c: [ $MISSING ]\\n}|3|7|variable reference for 'MISSING' can not be found",
        "a: $2b$10$abc|1|4|variable reference for '2b$10$abc' can not be found",
        "a: $DT_BAD|1|4|variable reference for 'DT_BAD' could not be parsed",
        "a: $DT_SELF|1|4|refers to itself",
        "a: $|1|4|variable reference for '' can not be found"})
    void variables(String text, int line, int column, String reason) {
        assertError(text.replace("\\n", "\n"), line, column, reason);
    }
}
