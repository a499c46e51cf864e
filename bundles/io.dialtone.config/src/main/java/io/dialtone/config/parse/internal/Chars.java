package io.dialtone.config.parse.internal;

/** Character classes of the dialect, with Go's definitions where lex.go relies on them. */
final class Chars {

    private Chars() {
    }

    /** Go's {@code unicode.IsSpace}: ASCII white space, U+0085, U+00A0 and the Unicode White_Space set. */
    static boolean isSpace(int r) {
        switch (r) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return r >= 0x2000 && r <= 0x200A;
        }
    }

    /** Blank within a line: only tab and space. */
    static boolean isWhitespace(int r) {
        return r == '\t' || r == ' ';
    }

    /** A line end: {@code \n} or {@code \r}. */
    static boolean isNL(int r) {
        return r == '\n' || r == '\r';
    }

    /** {@code =} or {@code :}. */
    static boolean isKeySeparator(int r) {
        return r == '=' || r == ':';
    }

    /** Go's {@code unicode.IsDigit} (any Nd digit). */
    static boolean isDigit(int r) {
        return r >= 0 && Character.isDigit(r);
    }

    /** First letter of a size suffix: k, m, g, t, p, e in either case. */
    static boolean isNumberSuffix(int r) {
        switch (r) {
            case 'k', 'K', 'm', 'M', 'g', 'G', 't', 'T', 'p', 'P', 'e', 'E':
                return true;
            default:
                return false;
        }
    }

    /** Renders a character for an error message; the end of input is shown as {@code EOF}. */
    static String show(int r) {
        return switch (r) {
            case Lexer.EOF -> "EOF";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> new String(Character.toChars(r));
        };
    }
}
