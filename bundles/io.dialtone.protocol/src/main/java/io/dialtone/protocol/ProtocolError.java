package io.dialtone.protocol;

/**
 * A protocol violation detected by {@link ClientParser}, as nats-server 2.9.10 reports it.
 *
 * <p>{@link #errText()} is the text nats-server sends as {@code -ERR '<text>'} (write it with
 * {@link ServerOps#writeErr}), or {@code null} when nats-server closes the connection without
 * sending any {@code -ERR} (it only logs a protocol violation). Every violation the parser detects
 * closes the connection in nats-server; {@link #closesConnection()} states it explicitly.
 */
public enum ProtocolError {

    /** Unknown operation, bad byte inside an operation name, or payload not followed by CR LF. */
    UNKNOWN_OP("Unknown Protocol Operation", true),
    /** The arguments of a control line are longer than {@code maxControlLine}. */
    MAX_CONTROL_LINE_EXCEEDED("maximum control line exceeded", true),
    /** PUB/HPUB announces more than {@code maxPayload} bytes. */
    MAX_PAYLOAD_VIOLATION("Maximum Payload Violation", true),
    /** An operation other than CONNECT arrived while the connection awaits authentication. */
    AUTHORIZATION_VIOLATION("Authorization Violation", true),
    /** PUB with other than 2 or 3 arguments. */
    PUB_BAD_ARGS(null, true),
    /** PUB whose size is not 1..9 decimal digits. */
    PUB_BAD_SIZE(null, true),
    /** HPUB while the connection has not negotiated headers ({@code "headers":true}). */
    HPUB_HEADERS_NOT_SUPPORTED(null, true),
    /** HPUB with other than 3 or 4 arguments. */
    HPUB_BAD_ARGS(null, true),
    /** HPUB whose header size is not 1..9 decimal digits. */
    HPUB_BAD_HEADER_SIZE(null, true),
    /** HPUB whose total size is not 1..9 decimal digits. */
    HPUB_BAD_TOTAL_SIZE(null, true),
    /** HPUB whose header size is larger than its total size. */
    HPUB_HEADER_SIZE_EXCEEDS_TOTAL(null, true),
    /** SUB with other than 2 or 3 arguments. */
    SUB_BAD_ARGS(null, true),
    /** UNSUB with other than 1 or 2 arguments. */
    UNSUB_BAD_ARGS(null, true),
    /** The client sent {@code -ERR}: nats-server logs it and closes the connection. */
    CLIENT_SENT_ERR(null, true);

    private final String errText;
    private final boolean closesConnection;

    ProtocolError(String errText, boolean closesConnection) {
        this.errText = errText;
        this.closesConnection = closesConnection;
    }

    /**
     * The exact text nats-server sends inside {@code -ERR '...'}, or {@code null} if it sends none.
     *
     * @return the text or {@code null}
     */
    public String errText() {
        return errText;
    }

    /**
     * Whether nats-server closes the connection after this violation.
     *
     * @return {@code true} if the connection is closed
     */
    public boolean closesConnection() {
        return closesConnection;
    }
}
