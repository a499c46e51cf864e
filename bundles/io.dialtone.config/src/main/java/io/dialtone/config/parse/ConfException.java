package io.dialtone.config.parse;

/**
 * A configuration file could not be parsed. Carries the source and the position of the problem; the message
 * has nats-server's shape {@code <file>:<line>:<col>: <reason>}, or {@code <file>: <reason>} when no
 * position applies (for instance the file itself cannot be read).
 *
 * <p>For lexical errors the line is the one nats-server 2.9 reports in {@code Parse error on line N}: when the
 * offending character is a new line or the end of the input, that is the line after it.
 */
public final class ConfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param source the file path or source name
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param reason what is wrong, without position
     */
    public ConfException(String source, int line, int column, String reason) {
        this(source, line, column, reason, null);
    }

    /**
     * @param source the file path or source name
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param reason what is wrong, without position
     * @param cause  the underlying failure, may be {@code null}
     */
    public ConfException(String source, int line, int column, String reason, Throwable cause) {
        super(format(source, line, column, reason), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /**
     * @param at     where the problem is
     * @param reason what is wrong
     */
    public ConfException(Position at, String reason) {
        this(at.source(), at.line(), at.column(), reason, null);
    }

    private static String format(String source, int line, int column, String reason) {
        return line > 0 ? source + ":" + line + ":" + column + ": " + reason : source + ": " + reason;
    }

    /** @return the file path or source name the problem is in */
    public String source() {
        return source;
    }

    /** @return 1-based line, or 0 when unknown */
    public int line() {
        return line;
    }

    /** @return 1-based column, or 0 when unknown */
    public int column() {
        return column;
    }

    /** @return the message without the position prefix */
    public String reason() {
        return reason;
    }
}
