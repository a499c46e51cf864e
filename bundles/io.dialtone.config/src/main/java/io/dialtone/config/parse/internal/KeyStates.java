package io.dialtone.config.parse.internal;

import static io.dialtone.config.parse.internal.Chars.show;

/**
 * States for a key at the top level: bare or quoted, followed by {@code =}, {@code :} or only blanks
 * (new lines included). A bare key followed by blank space is checked for the {@code include} keyword.
 */
final class KeyStates {

    private KeyStates() {
    }

    static State start(Lexer lx) {
        int r = lx.peek();
        if (Chars.isKeySeparator(r)) {
            return lx.errorAhead("Unexpected key separator '%s'", show(r));
        }
        if (Chars.isSpace(r)) {
            lx.next();
            return Lexer.skip(KeyStates::start);
        }
        if (r == '"') {
            lx.next();
            return Lexer.skip(KeyStates::doubleQuoted);
        }
        if (r == '\'') {
            lx.next();
            return Lexer.skip(KeyStates::singleQuoted);
        }
        lx.ignore();
        lx.next();
        return KeyStates::bare;
    }

    static State doubleQuoted(Lexer lx) {
        return quoted(lx, '"', KeyStates::doubleQuoted);
    }

    static State singleQuoted(Lexer lx) {
        return quoted(lx, '\'', KeyStates::singleQuoted);
    }

    private static State quoted(Lexer lx, int quote, State self) {
        int r = lx.peek();
        if (r == quote) {
            lx.emit(ItemType.KEY);
            lx.next();
            return Lexer.skip(KeyStates::end);
        }
        if (r == Lexer.EOF) {
            if (lx.pos > lx.start) {
                return lx.errorf("Unexpected EOF.");
            }
            lx.emit(ItemType.EOF);
            return null;
        }
        lx.next();
        return self;
    }

    static State bare(Lexer lx) {
        int r = lx.peek();
        if (Chars.isSpace(r)) {
            return keywordOrKey(lx, KeyStates::end, null);
        }
        if (Chars.isKeySeparator(r) || r == Lexer.EOF) {
            lx.emit(ItemType.KEY);
            return KeyStates::end;
        }
        lx.next();
        return KeyStates::bare;
    }

    /**
     * A bare key followed by blank space: {@code include} (any case) starts an include, anything else is
     * emitted as a key.
     *
     * @param afterKey     where to go for an ordinary key
     * @param afterInclude state to push before the include, or {@code null} if the caller already pushed one
     */
    static State keywordOrKey(Lexer lx, State afterKey, State afterInclude) {
        if (lx.pendingLower().equals("include")) {
            lx.ignore();
            if (afterInclude != null) {
                lx.push(afterInclude);
            }
            return IncludeStates::start;
        }
        lx.emit(ItemType.KEY);
        return afterKey;
    }

    /** After the key text: skips blank space (new lines too) and an optional separator. */
    static State end(Lexer lx) {
        int r = lx.next();
        if (Chars.isSpace(r)) {
            return Lexer.skip(KeyStates::end);
        }
        if (Chars.isKeySeparator(r)) {
            return Lexer.skip(ValueStates::value);
        }
        if (r == Lexer.EOF) {
            lx.emit(ItemType.EOF);
            return null;
        }
        lx.backup();
        return ValueStates::value;
    }
}
