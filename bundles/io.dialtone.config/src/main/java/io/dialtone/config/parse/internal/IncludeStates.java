package io.dialtone.config.parse.internal;

/** States for the operand of {@code include}: a quoted or bare path. */
final class IncludeStates {

    private IncludeStates() {
    }

    static State start(Lexer lx) {
        int r = lx.next();
        if (Chars.isWhitespace(r)) {
            return Lexer.skip(IncludeStates::start);
        }
        lx.backup();
        return IncludeStates::operand;
    }

    static State operand(Lexer lx) {
        int r = lx.next();
        switch (r) {
            case '\'':
                lx.ignore();
                return IncludeStates::singleQuoted;
            case '"':
                lx.ignore();
                return IncludeStates::doubleQuoted;
            case '[':
                return lx.errorf("Expected include value but found start of an array");
            case '{':
                return lx.errorf("Expected include value but found start of a map");
            case '(':
                return lx.errorf("Expected include value but found start of a block");
            case '-':
                return lx.errorf("Expected include value but found start of a number");
            case '\\':
                return lx.errorf("Expected include value but found escape sequence");
            default:
                if (Chars.isDigit(r)) {
                    return lx.errorf("Expected include value but found start of a number");
                }
                if (Chars.isNL(r)) {
                    return lx.errorf("Expected include value but found new line");
                }
                lx.backup();
                return IncludeStates::bare;
        }
    }

    static State singleQuoted(Lexer lx) {
        return quoted(lx, '\'', "Unexpected EOF in quoted include", IncludeStates::singleQuoted);
    }

    static State doubleQuoted(Lexer lx) {
        return quoted(lx, '"', "Unexpected EOF in double quoted include", IncludeStates::doubleQuoted);
    }

    private static State quoted(Lexer lx, int quote, String eofMessage, State self) {
        int r = lx.next();
        if (r == quote) {
            lx.backup();
            lx.emit(ItemType.INCLUDE);
            lx.next();
            lx.ignore();
            return lx.pop();
        }
        if (r == Lexer.EOF) {
            return lx.errorf(eofMessage);
        }
        return self;
    }

    /** A bare path ends at blank space, a line end, ';', '}' or EOF; a single quote ends it too and is dropped. */
    static State bare(Lexer lx) {
        int r = lx.next();
        if (Chars.isNL(r) || r == Lexer.EOF || r == ';' || r == '}' || Chars.isWhitespace(r)) {
            lx.backup();
            lx.emit(ItemType.INCLUDE);
            return lx.pop();
        }
        if (r == '\'') {
            lx.backup();
            lx.emit(ItemType.INCLUDE);
            lx.next();
            lx.ignore();
            return lx.pop();
        }
        return IncludeStates::bare;
    }
}
