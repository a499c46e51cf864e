package io.dialtone.config.parse.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The lexer: an explicit state machine in the manner of nats-server's {@code conf/lex.go}. Each
 * {@link State} reads characters with {@link #next()}/{@link #backup()}/{@link #peek()}, emits items and names
 * its successor; a stack of states records where to return once a value or a comment is done.
 * The states live in {@link TopStates}, {@link KeyStates}, {@link IncludeStates}, {@link ValueStates},
 * {@link ArrayStates}, {@link MapStates}, {@link StringStates}, {@link NumberStates} and {@link CommentStates}.
 *
 * <p>Line counting follows lex.go: the line advances when a {@code \n} is consumed and goes back when it is
 * backed up over, so error lines match nats-server's {@code Parse error on line N}.
 */
public final class Lexer {

    /** The character {@link #next()} returns at the end of the input. */
    static final int EOF = -1;

    final String input;
    private final LineIndex lineIndex;
    /** Start of the pending item text (moves past escaped parts). */
    int start;
    /** Where the pending item began, for its position. */
    private int tokenStart;
    int pos;
    private int width;
    private int line = 1;
    private State state = TopStates::top;
    private final Deque<State> stack = new ArrayDeque<>();
    private final Deque<Item> items = new ArrayDeque<>();
    /** Text of a string with escapes, as UTF-8 bytes since {@code \xNN} escapes are raw bytes. */
    private ByteArrayOutputStream stringParts;
    /** The string state to return to after an escape. */
    State stringState;

    /** @param input the whole configuration text */
    public Lexer(String input) {
        this.input = input;
        this.lineIndex = new LineIndex(input);
    }

    /** @return the next item; after an error or the end of input, {@link ItemType#EOF} forever */
    public Item nextItem() {
        while (items.isEmpty()) {
            if (state == null) {
                return new Item(ItemType.EOF, "", line, column());
            }
            state = state.next(this);
        }
        return items.poll();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    int next() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int r = input.codePointAt(pos);
        if (r == '\n') {
            line++;
        }
        width = Character.charCount(r);
        pos += width;
        return r;
    }

    /** Steps back over the last character read; valid once per {@link #next()} (twice in block strings). */
    void backup() {
        pos -= width;
        if (pos < input.length() && input.charAt(pos) == '\n') {
            line--;
        }
    }

    int peek() {
        int r = next();
        backup();
        return r;
    }

    /** Drops the input read so far from the pending item. */
    void ignore() {
        start = pos;
        tokenStart = pos;
    }

    /** @return the lower-cased pending text */
    String pendingLower() {
        return input.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    // ---- state stack ---------------------------------------------------------------------------------------

    void push(State s) {
        stack.push(s);
    }

    State pop() {
        if (stack.isEmpty()) {
            return errorf("BUG in lexer: no states to pop.");
        }
        return stack.pop();
    }

    /** @return a state that drops the pending input and continues with {@code nextState} */
    static State skip(State nextState) {
        return lx -> {
            lx.ignore();
            return nextState;
        };
    }

    // ---- emitting ------------------------------------------------------------------------------------------

    void emit(ItemType type) {
        emitValue(type, pendingText());
    }

    /** Emits a string item made of the escaped parts gathered so far plus the pending text. */
    void emitString() {
        emitValue(ItemType.STRING, pendingText());
    }

    boolean hasEscapedParts() {
        return stringParts != null;
    }

    /** Ends a literal part of an escaped string {@code offset} characters before the current position. */
    void addCurrentStringPart(int offset) {
        appendPart(input.substring(start, pos - offset).getBytes(StandardCharsets.UTF_8));
        start = pos;
    }

    /** Adds an unescaped part and resumes the current string state. */
    State addStringPart(byte[] bytes) {
        appendPart(bytes);
        start = pos;
        return stringState;
    }

    private void appendPart(byte[] bytes) {
        if (stringParts == null) {
            stringParts = new ByteArrayOutputStream();
        }
        stringParts.writeBytes(bytes);
    }

    private String pendingText() {
        String tail = input.substring(start, pos);
        if (stringParts == null) {
            return tail;
        }
        stringParts.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        String s = stringParts.toString(StandardCharsets.UTF_8);
        stringParts = null;
        return s;
    }

    private void emitValue(ItemType type, String value) {
        int at = Math.min(tokenStart, input.length());
        int l = lineIndex.lineOf(at);
        items.add(new Item(type, value, l, at - lineIndex.startOf(l) + 1));
        start = pos;
        tokenStart = pos;
    }

    /** Emits an item whose text is {@code value} positioned at the last character read ({@code [} or {@code {}). */
    void emitDelimiter(ItemType type) {
        tokenStart = pos - 1;
        emitValue(type, "");
        start = pos;
    }

    /** Moves the start of the pending text one character on (the {@code $} of a variable). */
    void skipPendingChar() {
        start++;
    }

    /**
     * Emits an error at the current position and stops the machine.
     *
     * @return {@code null}, the state after an error
     */
    State errorf(String format, Object... args) {
        items.add(new Item(ItemType.ERROR, String.format(Locale.ROOT, format, args), line, column()));
        return null;
    }

    /** Like {@link #errorf} for a character only peeked at: the column is that of the next character. */
    State errorAhead(String format, Object... args) {
        items.add(new Item(ItemType.ERROR, String.format(Locale.ROOT, format, args), line, Math.max(1, pos - lineIndex.startOf(line) + 1)));
        return null;
    }

    /** Column of the last character read on the current line (1 when none). */
    private int column() {
        return Math.max(1, pos - lineIndex.startOf(line));
    }
}
