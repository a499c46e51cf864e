package io.dialtone.protocol;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the operations {@link ClientParser} decodes from one client connection.
 *
 * <p>Every {@link ByteBuf} argument is a view of the input that is read-only by contract and valid
 * only for the duration of the call: do not modify, retain past the call, or release it, and do not
 * keep the object itself (the parser moves the same view to the next message's bytes). Copy what
 * must outlive the call. An absent optional argument is an empty buffer, never {@code null}.
 *
 * <p>Callbacks may call {@link ClientParser#close()} to stop parsing at once (for example when the
 * broker rejects a CONNECT), and may change the parser's limits and flags; the change applies to
 * the next operation.
 */
@ConsumerType
public interface ClientOps {

    /**
     * {@code CONNECT <json>}. The argument is passed as nats-server does: everything after the
     * blanks following {@code CONNECT}, up to the line end; it may be empty or not JSON at all.
     *
     * @param json the CONNECT argument
     */
    void onConnect(ByteBuf json);

    /**
     * {@code PUB <subject> [reply] <size>} followed by its payload.
     *
     * @param subject the subject, not validated
     * @param reply the reply subject, empty if none
     * @param payload the payload, without the trailing CR LF
     */
    void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload);

    /**
     * {@code HPUB <subject> [reply] <hdr size> <total size>} followed by headers and payload.
     *
     * @param subject the subject, not validated
     * @param reply the reply subject, empty if none
     * @param headerSize the number of leading header bytes in {@code message}
     * @param message headers then payload ({@code total size} bytes), without the trailing CR LF
     */
    void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message);

    /**
     * {@code SUB <subject> [queue] <sid>}.
     *
     * @param subject the subject, not validated
     * @param queue the queue group, empty if none
     * @param sid the subscription id
     */
    void onSub(ByteBuf subject, ByteBuf queue, ByteBuf sid);

    /**
     * {@code UNSUB <sid> [max]}. As in nats-server, a max that is not 1..9 decimal digits is -1.
     *
     * @param sid the subscription id
     * @param max the auto-unsubscribe count, -1 if none (or unparsable)
     */
    void onUnsub(ByteBuf sid, long max);

    /** {@code PING}. Anything between {@code PING} and the line end is ignored, as in nats-server. */
    void onPing();

    /** {@code PONG}. Anything between {@code PONG} and the line end is ignored. */
    void onPong();

    /**
     * {@code INFO <json>} from a client. nats-server unmarshals it into its {@code Info} struct and
     * otherwise ignores it; if that fails it closes the connection without {@code -ERR}. A broker
     * that mirrors this validates the JSON and, if invalid, calls {@link ClientParser#close()} and
     * closes the connection.
     *
     * @param json the INFO argument
     */
    default void onInfo(ByteBuf json) {
    }

    /** {@code +OK} from a client; nats-server ignores it (and anything up to the line end). */
    default void onOk() {
    }

    /**
     * {@code -ERR <text>} from a client, for logging. The parser then reports
     * {@link ProtocolError#CLIENT_SENT_ERR}, since nats-server closes the connection.
     *
     * @param text the error text as sent (quotes included)
     */
    default void onErr(ByteBuf text) {
    }

    /**
     * {@code HMSG <anything>} followed by exactly CR LF, from a client. nats-server processes this
     * as an empty message with no subject: the only visible effect is {@code +OK} in verbose mode.
     * (nats-server answers {@code Unknown Protocol Operation} instead when the CR LF arrives in a
     * later read; this parser always takes the first path. Any other bytes after the line are
     * {@link ProtocolError#UNKNOWN_OP}, as in nats-server.)
     */
    default void onClientHmsg() {
    }

    /**
     * Called while the parser awaits authentication (see {@link ClientParser#setAwaitingAuth})
     * when an operation other than CONNECT starts. nats-server allows it only when a
     * {@code no_auth_user} is configured (it then binds that user). Return {@code true} to allow
     * it (the parser stops awaiting authentication); {@code false} yields
     * {@link ProtocolError#AUTHORIZATION_VIOLATION}.
     *
     * @return whether the operation may proceed without CONNECT
     */
    default boolean allowBeforeConnect() {
        return false;
    }

    /**
     * A protocol violation. The parser has entered its error state and ignores all further input;
     * send {@link ProtocolError#errText()} if it is not {@code null}, then close the connection if
     * {@link ProtocolError#closesConnection()}.
     *
     * @param error the violation
     */
    void protocolError(ProtocolError error);
}
