package io.dialtone.config.parse;

import static io.dialtone.config.parse.Conf.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeSuffixTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "8k, 8000", "8K, 8000", "4kb, 4096", "3ki, 3072", "4KiB, 4096", "4kIb, 4096",
        "1m, 1000000", "2MB, 2097152", "2Mi, 2097152", "64MiB, 67108864",
        "2g, 2000000000", "22GB, 23622320128", "22Gi, 23622320128", "22GiB, 23622320128",
        "3t, 3000000000000", "22TB, 24189255811072", "22Ti, 24189255811072", "22TiB, 24189255811072",
        "5p, 5000000000000000", "22PB, 24769797950537728", "22Pi, 24769797950537728", "22PiB, 24769797950537728",
        "1e, 1000000000000000000", "7eb, 8070450532247928832", "1Ei, 1152921504606846976", "1EiB, 1152921504606846976",
        "-5k, -5000", "-1MB, -1048576", "0g, 0"})
    void suffixes(String text, long expected) {
        assertEquals(expected, parse("v: " + text).get("v"));
        assertEquals(java.util.Map.of("v", expected), parse("x { v: " + text + " }").get("x"));
    }

    @ParameterizedTest
    @CsvSource({"10xb, 10xb", "1kx, 1kx", "3Gyz, 3Gyz", "2fa, 2fa"})
    void lettersThatAreNotASuffixMakeAString(String text, String expected) {
        assertEquals(expected, parse("v: " + text).get("v"));
    }

    @org.junit.jupiter.api.Test
    void suffixRightBeforeBracketMakesAStringAndDigitAfterSuffixIsAnError() {
        // lex.go: after a suffix only a blank, a line end, '}', ';', ',' or EOF ends the number
        assertEquals(java.util.List.of("1k"), parse("v: [1k]").get("v"));
        assertEquals(java.util.List.of(1000L), parse("v: [1k ]").get("v"));
        assertEquals(1, Conf.fail("v: 1k2").line());
    }
}
