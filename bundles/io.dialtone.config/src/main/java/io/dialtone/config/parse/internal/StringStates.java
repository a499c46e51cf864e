package io.dialtone.config.parse.internal;

import static io.dialtone.config.parse.internal.Chars.show;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * States for string values: single-quoted (verbatim), double-quoted and bare (both with escapes
 * {@code \xNN \t \n \r \" \\}), and block strings {@code ( ... )} closed by a {@code )} alone on its line.
 * A bare string may turn out to be a boolean or a {@code $variable}.
 */
final class StringStates {

    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off");

    private StringStates() {
    }

    /** Inside '...': no escapes. */
    static State singleQuoted(Lexer lx) {
        int r = lx.next();
        if (r == '\'') {
            lx.backup();
            lx.emit(ItemType.STRING);
            lx.next();
            lx.ignore();
            return lx.pop();
        }
        if (r == Lexer.EOF) {
            return unterminated(lx);
        }
        return StringStates::singleQuoted;
    }

    /** Inside "...". */
    static State doubleQuoted(Lexer lx) {
        int r = lx.next();
        if (r == '\\') {
            lx.addCurrentStringPart(1);
            return StringStates::escape;
        }
        if (r == '"') {
            lx.backup();
            lx.emitString();
            lx.next();
            lx.ignore();
            return lx.pop();
        }
        if (r == Lexer.EOF) {
            return unterminated(lx);
        }
        return StringStates::doubleQuoted;
    }

    /** lex.go: an opening quote right at the end of the input just ends the input. */
    private static State unterminated(Lexer lx) {
        if (lx.pos > lx.start) {
            return lx.errorf("Unexpected EOF.");
        }
        lx.emit(ItemType.EOF);
        return null;
    }

    /** A bare string: up to blank space, a line end, ';', ',', ']', '}' or EOF; a single quote ends it too. */
    static State bare(Lexer lx) {
        int r = lx.next();
        if (r == '\\') {
            lx.addCurrentStringPart(1);
            return StringStates::escape;
        }
        if (Chars.isNL(r) || r == Lexer.EOF || r == ';' || r == ',' || r == ']' || r == '}'
                || Chars.isWhitespace(r)) {
            lx.backup();
            if (lx.hasEscapedParts()) {
                lx.emitString();
            } else if (BOOLEANS.contains(lx.pendingLower())) {
                lx.emit(ItemType.BOOL);
            } else if (lx.start < lx.input.length() && lx.input.charAt(lx.start) == '$') {
                lx.skipPendingChar();
                lx.emit(ItemType.VARIABLE);
            } else {
                lx.emitString();
            }
            return lx.pop();
        }
        if (r == '\'') {
            lx.backup();
            lx.emitString();
            lx.next();
            lx.ignore();
            return lx.pop();
        }
        return StringStates::bare;
    }

    /** Inside ( ... ): ends at a ')' that is alone on its line (preceded by a new line, followed by one or EOF). */
    static State block(Lexer lx) {
        int r = lx.next();
        if (r == ')') {
            lx.backup();
            lx.backup();
            if (lx.next() != '\n') {
                lx.next();
                return StringStates::block;
            }
            lx.next();
            int after = lx.next();
            if (after == '\n' || after == Lexer.EOF) {
                // Like lex.go: at EOF the step back is a no-op, so the ')' stays part of the text.
                lx.backup();
                lx.backup();
                lx.emit(ItemType.STRING);
                lx.next();
                lx.ignore();
                return lx.pop();
            }
            lx.backup();
        } else if (r == Lexer.EOF) {
            return lx.errorf("Unexpected EOF processing block.");
        }
        return StringStates::block;
    }

    /** After a backslash. */
    static State escape(Lexer lx) {
        int r = lx.next();
        return switch (r) {
            case 'x' -> StringStates::hexByte;
            case 't' -> lx.addStringPart(ascii("\t"));
            case 'n' -> lx.addStringPart(ascii("\n"));
            case 'r' -> lx.addStringPart(ascii("\r"));
            case '"' -> lx.addStringPart(ascii("\""));
            case '\\' -> lx.addStringPart(ascii("\\"));
            default -> lx.errorf("Invalid escape character '%s'. Only the following escape characters are allowed: "
                    + "\\xXX, \\t, \\n, \\r, \\\", \\\\.", show(r));
        };
    }

    /** After {@code \x}: two hex digits make one raw byte. */
    static State hexByte(Lexer lx) {
        for (int i = 0; i < 2; i++) {
            if (Chars.isNL(lx.next())) {
                return lx.errorf("Expected two hexadecimal digits after '\\x', but hit end of line");
            }
        }
        String hex = lx.input.substring(Math.max(lx.start, lx.pos - 2), lx.pos);
        if (hex.length() != 2 || Character.digit(hex.charAt(0), 16) < 0 || Character.digit(hex.charAt(1), 16) < 0
                || hex.charAt(0) > 0x7f || hex.charAt(1) > 0x7f) {
            return lx.errorf("Expected two hexadecimal digits after '\\x', but got '%s'", hex);
        }
        return lx.addStringPart(new byte[] {(byte) Integer.parseInt(hex, 16)});
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
