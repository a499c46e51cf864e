package io.dialtone.config.parse.internal;

import static io.dialtone.config.parse.internal.Chars.show;

/**
 * States for values starting with a digit or '-': integers (with an optional size suffix), floats, ISO-8601
 * Zulu datetimes, IP addresses with ports (emitted as strings) and bare strings that merely start with a
 * digit ({@code 1node}).
 */
final class NumberStates {

    private static final String DATE_AFTER_YEAR = "00-00T00:00:00Z"; // '0' = any digit

    private NumberStates() {
    }

    /** A value starting with a digit. */
    static State start(Lexer lx) {
        int r = lx.next();
        if (!Chars.isDigit(r)) {
            return notADigit(lx, r);
        }
        return NumberStates::digits;
    }

    private static State notADigit(Lexer lx, int r) {
        if (r == '.') {
            return lx.errorf("Floats must start with a digit, not '.'.");
        }
        return lx.errorf("Expected a digit but got '%s'.", show(r));
    }

    /** Digits so far: more digits, a date's '-', a float's '.', a suffix, an end, or it is a string after all. */
    static State digits(Lexer lx) {
        int r = lx.next();
        if (r == '-') {
            if (lx.pos - lx.start != 5) {
                return lx.errorf("All ISO8601 dates must be in full Zulu form.");
            }
            return NumberStates::dateAfterYear;
        }
        if (Chars.isDigit(r)) {
            return NumberStates::digits;
        }
        if (r == '.') {
            return NumberStates::fractionStart;
        }
        if (Chars.isNumberSuffix(r)) {
            return NumberStates::suffix;
        }
        if (!endsNumber(r)) {
            // lex.go continues as a bare string, the character just read included (so "[1]" lexes "1]").
            lx.stringState = StringStates::bare;
            return StringStates::bare;
        }
        lx.backup();
        lx.emit(ItemType.INTEGER);
        return lx.pop();
    }

    /** What may follow an integer: note that ']' is not in the set (lex.go). */
    private static boolean endsNumber(int r) {
        return Chars.isNL(r) || r == Lexer.EOF || r == '}' || r == ';' || r == ',' || Chars.isWhitespace(r)
                || Chars.isDigit(r);
    }

    /** After a suffix letter: more b/i letters, then an end, else a bare string. */
    static State suffix(Lexer lx) {
        int r = lx.next();
        if (r == 'b' || r == 'B' || r == 'i' || r == 'I') {
            return NumberStates::suffix;
        }
        lx.backup();
        if (endsNumber(r)) {
            lx.emit(ItemType.INTEGER);
            return lx.pop();
        }
        lx.stringState = StringStates::bare;
        return StringStates::bare;
    }

    /** "YYYY-" has been read; the rest must be exactly MM-DDTHH:MM:SSZ. */
    static State dateAfterYear(Lexer lx) {
        for (int i = 0; i < DATE_AFTER_YEAR.length(); i++) {
            char f = DATE_AFTER_YEAR.charAt(i);
            int r = lx.next();
            if (f == '0') {
                if (!Chars.isDigit(r)) {
                    return lx.errorf("Expected digit in ISO8601 datetime, but found '%s' instead.", show(r));
                }
            } else if (f != r) {
                return lx.errorf("Expected '%s' in ISO8601 datetime, but found '%s' instead.", show(f), show(r));
            }
        }
        lx.emit(ItemType.DATETIME);
        return lx.pop();
    }

    /** '-' has been read: a digit must follow. */
    static State negativeStart(Lexer lx) {
        int r = lx.next();
        if (!Chars.isDigit(r)) {
            return notADigit(lx, r);
        }
        return NumberStates::negativeDigits;
    }

    static State negativeDigits(Lexer lx) {
        int r = lx.next();
        if (Chars.isDigit(r)) {
            return NumberStates::negativeDigits;
        }
        if (r == '.') {
            return NumberStates::fractionStart;
        }
        if (Chars.isNumberSuffix(r)) {
            return NumberStates::suffix;
        }
        lx.backup();
        lx.emit(ItemType.INTEGER);
        return lx.pop();
    }

    /** After the '.': at least one digit. */
    static State fractionStart(Lexer lx) {
        int r = lx.next();
        if (!Chars.isDigit(r)) {
            return lx.errorf("Floats must have a digit after the '.', but got '%s' instead.", show(r));
        }
        return NumberStates::fraction;
    }

    /** Fraction digits; a second '.' makes it an IP address. */
    static State fraction(Lexer lx) {
        int r = lx.next();
        if (Chars.isDigit(r)) {
            return NumberStates::fraction;
        }
        if (r == '.') {
            return NumberStates::ipAddress;
        }
        lx.backup();
        lx.emit(ItemType.FLOAT);
        return lx.pop();
    }

    /** Digits, '.', ':' and '-', emitted as a string ({@code 127.0.0.1:4222}). */
    static State ipAddress(Lexer lx) {
        int r = lx.next();
        if (Chars.isDigit(r) || r == '.' || r == ':' || r == '-') {
            return NumberStates::ipAddress;
        }
        lx.backup();
        lx.emit(ItemType.STRING);
        return lx.pop();
    }
}
