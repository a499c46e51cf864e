package io.dialtone.config.parse.internal;

import static io.dialtone.config.parse.internal.Chars.show;

/** States inside {@code [ ... ]}: values separated by ',' or new lines, comments allowed. */
final class ArrayStates {

    private ArrayStates() {
    }

    /** Expects a value or ']'; blank space and new lines are skipped. */
    static State value(Lexer lx) {
        int r = lx.next();
        if (Chars.isSpace(r)) {
            return Lexer.skip(ArrayStates::value);
        }
        switch (r) {
            case '#':
                lx.push(ArrayStates::value);
                return CommentStates::start;
            case '/':
                if (lx.next() == '/') {
                    lx.push(ArrayStates::value);
                    return CommentStates::start;
                }
                lx.backup();
                return unexpectedTerminator(lx); // as lex.go: a lone '/' falls into this error
            case ',':
                return unexpectedTerminator(lx);
            case ']':
                return ArrayStates::end;
            default:
                lx.backup();
                lx.push(ArrayStates::valueEnd);
                return ValueStates::value;
        }
    }

    private static State unexpectedTerminator(Lexer lx) {
        return lx.errorf("Unexpected array value terminator ','.");
    }

    /** After a value: blanks, a comment, then ',' or a new line (next value) or ']'. */
    static State valueEnd(Lexer lx) {
        int r = lx.next();
        if (Chars.isWhitespace(r)) {
            return Lexer.skip(ArrayStates::valueEnd);
        }
        switch (r) {
            case '#':
                lx.push(ArrayStates::valueEnd);
                return CommentStates::start;
            case '/':
                if (lx.next() == '/') {
                    lx.push(ArrayStates::valueEnd);
                    return CommentStates::start;
                }
                lx.backup();
                return Lexer.skip(ArrayStates::value); // lex.go: a lone '/' acts as a separator
            case ',':
                return Lexer.skip(ArrayStates::value);
            case ']':
                return ArrayStates::end;
            default:
                if (Chars.isNL(r)) {
                    return Lexer.skip(ArrayStates::value);
                }
                return lx.errorf("Expected an array value terminator \",\" or an array terminator \"]\", "
                        + "but got '%s' instead.", show(r));
        }
    }

    /** The ']' has been read. */
    static State end(Lexer lx) {
        lx.ignore();
        lx.emit(ItemType.ARRAY_END);
        return lx.pop();
    }
}
