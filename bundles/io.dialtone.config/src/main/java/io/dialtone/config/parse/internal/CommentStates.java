package io.dialtone.config.parse.internal;

/** States for {@code #} and {@code //} comments, which run to the end of the line and emit nothing. */
final class CommentStates {

    private CommentStates() {
    }

    /** The comment marker has been read. */
    static State start(Lexer lx) {
        lx.ignore();
        return CommentStates::body;
    }

    /** Reads up to (not including) the line end, then returns to the pushed state. */
    static State body(Lexer lx) {
        int r = lx.peek();
        if (Chars.isNL(r) || r == Lexer.EOF) {
            lx.ignore();
            return lx.pop();
        }
        lx.next();
        return CommentStates::body;
    }
}
