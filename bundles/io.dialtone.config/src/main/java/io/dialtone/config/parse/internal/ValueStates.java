package io.dialtone.config.parse.internal;

/**
 * The entry state for any value: dispatches on the first character to arrays, maps, quoted, block and bare
 * strings, and numbers. Blanks may precede a value, new lines may not.
 */
final class ValueStates {

    private ValueStates() {
    }

    static State value(Lexer lx) {
        int r = lx.next();
        if (Chars.isWhitespace(r)) {
            return Lexer.skip(ValueStates::value);
        }
        switch (r) {
            case '[':
                lx.ignore();
                lx.emitDelimiter(ItemType.ARRAY_START);
                return ArrayStates::value;
            case '{':
                lx.ignore();
                lx.emitDelimiter(ItemType.MAP_START);
                return MapStates::keyStart;
            case '\'':
                lx.ignore();
                return StringStates::singleQuoted;
            case '"':
                lx.ignore();
                lx.stringState = StringStates::doubleQuoted;
                return StringStates::doubleQuoted;
            case '-':
                return NumberStates::negativeStart;
            case '(':
                lx.ignore();
                return StringStates::block;
            case '.':
                return lx.errorf("Floats must start with a digit");
            default:
                if (Chars.isDigit(r)) {
                    lx.backup();
                    return NumberStates::start;
                }
                if (Chars.isNL(r)) {
                    return lx.errorf("Expected value but found new line");
                }
                lx.backup();
                lx.stringState = StringStates::bare;
                return StringStates::bare;
        }
    }
}
