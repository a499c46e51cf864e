package io.dialtone.config.parse.internal;

import static io.dialtone.config.parse.internal.Chars.show;

/** States inside {@code { ... }}: keys and values, entries separated by ',', ';' or new lines. */
final class MapStates {

    private MapStates() {
    }

    /** Expects a key or '}'; blank space, new lines and comments are skipped. */
    static State keyStart(Lexer lx) {
        int r = lx.peek();
        if (Chars.isKeySeparator(r)) {
            return lx.errorAhead("Unexpected key separator '%s'.", show(r));
        }
        if (r == ']') {
            return lx.errorAhead("Unexpected array end '%s' processing map.", show(r));
        }
        if (Chars.isSpace(r)) {
            lx.next();
            return Lexer.skip(MapStates::keyStart);
        }
        switch (r) {
            case '}':
                lx.next();
                return Lexer.skip(MapStates::end);
            case '#':
                lx.next();
                lx.push(MapStates::keyStart);
                return CommentStates::start;
            case '/':
                lx.next();
                if (lx.next() == '/') {
                    lx.push(MapStates::keyStart);
                    return CommentStates::start;
                }
                lx.backup();
                break; // as lex.go: the lone '/' is dropped and a key starts at the next character
            case '\'':
                lx.next();
                return Lexer.skip(MapStates::singleQuotedKey);
            case '"':
                lx.next();
                return Lexer.skip(MapStates::doubleQuotedKey);
            case Lexer.EOF:
                return lx.errorf("Unexpected EOF processing map.");
            default:
                break;
        }
        lx.ignore();
        lx.next();
        return MapStates::key;
    }

    static State singleQuotedKey(Lexer lx) {
        return quotedKey(lx, '\'', "Unexpected EOF processing quoted map key.", MapStates::singleQuotedKey);
    }

    static State doubleQuotedKey(Lexer lx) {
        return quotedKey(lx, '"', "Unexpected EOF processing double quoted map key.", MapStates::doubleQuotedKey);
    }

    private static State quotedKey(Lexer lx, int quote, String eofMessage, State self) {
        int r = lx.peek();
        if (r == Lexer.EOF) {
            return lx.errorf(eofMessage);
        }
        if (r == quote) {
            lx.emit(ItemType.KEY);
            lx.next();
            return Lexer.skip(MapStates::keyEnd);
        }
        lx.next();
        return self;
    }

    /** A bare key: up to blank space (maybe the include keyword) or a separator. */
    static State key(Lexer lx) {
        int r = lx.peek();
        if (r == Lexer.EOF) {
            return lx.errorf("Unexpected EOF processing map key.");
        }
        if (Chars.isSpace(r)) {
            return KeyStates.keywordOrKey(lx, MapStates::keyEnd, MapStates::valueEnd);
        }
        if (Chars.isKeySeparator(r)) {
            lx.emit(ItemType.KEY);
            return MapStates::keyEnd;
        }
        lx.next();
        return MapStates::key;
    }

    static State keyEnd(Lexer lx) {
        int r = lx.next();
        if (Chars.isSpace(r)) {
            return Lexer.skip(MapStates::keyEnd);
        }
        if (Chars.isKeySeparator(r)) {
            return Lexer.skip(MapStates::value);
        }
        lx.backup();
        return MapStates::value;
    }

    static State value(Lexer lx) {
        int r = lx.next();
        if (Chars.isSpace(r)) {
            return Lexer.skip(MapStates::value);
        }
        if (r == ',') {
            return lx.errorf("Unexpected map value terminator \",\".");
        }
        if (r == '}') {
            return Lexer.skip(MapStates::end);
        }
        lx.backup();
        lx.push(MapStates::valueEnd);
        return ValueStates::value;
    }

    /** After a value: blanks, a comment, then ',', ';' or a new line (next key) or '}'. */
    static State valueEnd(Lexer lx) {
        int r = lx.next();
        if (Chars.isWhitespace(r)) {
            return Lexer.skip(MapStates::valueEnd);
        }
        switch (r) {
            case '#':
                lx.push(MapStates::valueEnd);
                return CommentStates::start;
            case '/':
                if (lx.next() == '/') {
                    lx.push(MapStates::valueEnd);
                    return CommentStates::start;
                }
                lx.backup();
                return Lexer.skip(MapStates::keyStart); // lex.go: a lone '/' acts as a separator
            case ';', ',':
                return Lexer.skip(MapStates::keyStart);
            case '}':
                return Lexer.skip(MapStates::end);
            default:
                if (Chars.isNL(r)) {
                    return Lexer.skip(MapStates::keyStart);
                }
                return lx.errorf("Expected a map value terminator \",\" or a map terminator \"}\", "
                        + "but got '%s' instead.", show(r));
        }
    }

    /** The '}' has been read. */
    static State end(Lexer lx) {
        lx.ignore();
        lx.emit(ItemType.MAP_END);
        return lx.pop();
    }
}
