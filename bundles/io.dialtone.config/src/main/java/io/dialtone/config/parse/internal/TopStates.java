package io.dialtone.config.parse.internal;

import static io.dialtone.config.parse.internal.Chars.show;

/**
 * States at the top level of a file: between key/value pairs. A top level {@code '{'} is skipped and a
 * {@code '}'} ends a value, so a whole file may be wrapped in braces (JSON style).
 */
final class TopStates {

    private TopStates() {
    }

    /** Between top-level entries: skips blanks, comments and braces, then expects a key. */
    static State top(Lexer lx) {
        int r = lx.next();
        if (Chars.isSpace(r)) {
            return Lexer.skip(TopStates::top);
        }
        switch (r) {
            case '{':
                return Lexer.skip(TopStates::top);
            case '#':
                lx.push(TopStates::top);
                return CommentStates::start;
            case '/':
                if (lx.next() == '/') {
                    lx.push(TopStates::top);
                    return CommentStates::start;
                }
                lx.backup();
                return end(lx); // a lone '/' is reported as lex.go does: as an unexpected end
            case Lexer.EOF:
                return end(lx);
            default:
                lx.backup();
                lx.push(TopStates::valueEnd);
                return KeyStates::start;
        }
    }

    private static State end(Lexer lx) {
        if (lx.pos > lx.start) {
            return lx.errorf("Unexpected EOF.");
        }
        lx.emit(ItemType.EOF);
        return null;
    }

    /** After a top-level value: only blanks, a comment or a terminator (new line, ';', ',', '}', EOF). */
    static State valueEnd(Lexer lx) {
        int r = lx.next();
        if (r == '#') {
            lx.push(TopStates::top);
            return CommentStates::start;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(TopStates::top);
                return CommentStates::start;
            }
            lx.backup();
            return TopStates::valueEnd; // lex.go treats a lone '/' here like a blank
        }
        if (Chars.isWhitespace(r)) {
            return TopStates::valueEnd;
        }
        if (Chars.isNL(r) || r == Lexer.EOF || r == ';' || r == ',' || r == '}') {
            lx.ignore();
            return TopStates::top;
        }
        return lx.errorf("Expected a top-level value to end with a new line, comment or EOF, but got '%s' instead.",
                show(r));
    }
}
