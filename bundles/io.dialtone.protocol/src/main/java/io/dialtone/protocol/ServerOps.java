package io.dialtone.protocol;

import io.dialtone.protocol.internal.Ascii;
import io.dialtone.protocol.internal.RawWrite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Encodes server-to-client operations as nats-server 2.9.10 writes them.
 *
 * <p>The {@code write*} methods append to {@code out} and never change the reader index of their
 * {@link ByteBuf} arguments. Subjects, replies and sids may be given as {@link ByteBuf} (e.g. the
 * slices kept from {@link ClientOps#onSub}) or as {@code byte[]} (e.g. interned per
 * subscription), so delivering a message allocates no String. A {@code null} or empty reply means
 * none.
 */
public final class ServerOps {

    private static final byte[] MSG = {'M', 'S', 'G', ' '};
    private static final byte[] HMSG = {'H', 'M', 'S', 'G', ' '};
    private static final byte[] ERR_START = {'-', 'E', 'R', 'R', ' ', '\''};
    private static final byte[] ERR_END = {'\'', '\r', '\n'};
    private static final byte[] INFO = {'I', 'N', 'F', 'O', ' '};
    private static final byte[] INFO_END = {' ', '\r', '\n'};
    private static final short CRLF = ('\r' << 8) | '\n';

    /** {@code PING\r\n}, shared and read-only: write {@code PING.duplicate()}. */
    public static final ByteBuf PING = constant("PING\r\n");
    /** {@code PONG\r\n}, shared and read-only: write {@code PONG.duplicate()}. */
    public static final ByteBuf PONG = constant("PONG\r\n");
    /** {@code +OK\r\n}, shared and read-only: write {@code OK.duplicate()}. */
    public static final ByteBuf OK = constant("+OK\r\n");

    private ServerOps() {
    }

    private static ByteBuf constant(String s) {
        return Unpooled.unreleasableBuffer(
                Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    }

    /** @param out destination for {@code PING\r\n} */
    public static void writePing(ByteBuf out) {
        out.writeBytes(PING, PING.readerIndex(), PING.readableBytes());
    }

    /** @param out destination for {@code PONG\r\n} */
    public static void writePong(ByteBuf out) {
        out.writeBytes(PONG, PONG.readerIndex(), PONG.readableBytes());
    }

    /** @param out destination for {@code +OK\r\n} */
    public static void writeOk(ByteBuf out) {
        out.writeBytes(OK, OK.readerIndex(), OK.readableBytes());
    }

    /**
     * Writes {@code -ERR '<text>'\r\n} (UTF-8), e.g. with {@link ProtocolError#errText()}.
     *
     * @param out the destination
     * @param text the error text
     */
    public static void writeErr(ByteBuf out, String text) {
        out.writeBytes(ERR_START);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(ERR_END);
    }

    /**
     * Writes {@code INFO <json> \r\n}; nats-server puts a blank before the CR LF.
     *
     * @param out the destination
     * @param json the INFO object
     */
    public static void writeInfo(ByteBuf out, ByteBuf json) {
        out.writeBytes(INFO);
        copy(out, json);
        out.writeBytes(INFO_END);
    }

    /**
     * Writes {@code MSG <subject> <sid> [reply] <size>\r\n<payload>\r\n}.
     *
     * @param out the destination
     * @param subject the subject
     * @param sid the subscription id
     * @param reply the reply subject, {@code null} or empty if none
     * @param payload the payload (its readable bytes)
     */
    public static void writeMsg(ByteBuf out, ByteBuf subject, ByteBuf sid, ByteBuf reply, ByteBuf payload) {
        if (RawWrite.message(out, MSG, subject, sid, reply, -1, payload)) {
            return;
        }
        prefix(out, MSG, subject, sid, reply);
        body(out, payload);
    }

    /**
     * Writes {@code MSG <subject> <sid> [reply] <size>\r\n<payload>\r\n}.
     *
     * @param out the destination
     * @param subject the subject
     * @param sid the subscription id
     * @param reply the reply subject, {@code null} or empty if none
     * @param payload the payload (its readable bytes)
     */
    public static void writeMsg(ByteBuf out, byte[] subject, byte[] sid, byte[] reply, ByteBuf payload) {
        out.writeBytes(MSG);
        out.writeBytes(subject);
        out.writeByte(' ');
        out.writeBytes(sid);
        out.writeByte(' ');
        if (reply != null && reply.length > 0) {
            out.writeBytes(reply);
            out.writeByte(' ');
        }
        body(out, payload);
    }

    /**
     * Writes {@code HMSG <subject> <sid> [reply] <hdr size> <total size>\r\n<message>\r\n}.
     *
     * @param out the destination
     * @param subject the subject
     * @param sid the subscription id
     * @param reply the reply subject, {@code null} or empty if none
     * @param headerSize the number of header bytes at the start of {@code message}
     * @param message headers then payload (its readable bytes)
     */
    public static void writeHmsg(ByteBuf out, ByteBuf subject, ByteBuf sid, ByteBuf reply, int headerSize,
            ByteBuf message) {
        checkHeader(headerSize, message);
        if (RawWrite.message(out, HMSG, subject, sid, reply, headerSize, message)) {
            return;
        }
        prefix(out, HMSG, subject, sid, reply);
        Ascii.writeDecimal(out, headerSize);
        out.writeByte(' ');
        body(out, message);
    }

    /**
     * Writes {@code HMSG <subject> <sid> [reply] <hdr size> <total size>\r\n<message>\r\n}.
     *
     * @param out the destination
     * @param subject the subject
     * @param sid the subscription id
     * @param reply the reply subject, {@code null} or empty if none
     * @param headerSize the number of header bytes at the start of {@code message}
     * @param message headers then payload (its readable bytes)
     */
    public static void writeHmsg(ByteBuf out, byte[] subject, byte[] sid, byte[] reply, int headerSize,
            ByteBuf message) {
        checkHeader(headerSize, message);
        out.writeBytes(HMSG);
        out.writeBytes(subject);
        out.writeByte(' ');
        out.writeBytes(sid);
        out.writeByte(' ');
        if (reply != null && reply.length > 0) {
            out.writeBytes(reply);
            out.writeByte(' ');
        }
        Ascii.writeDecimal(out, headerSize);
        out.writeByte(' ');
        body(out, message);
    }

    private static void checkHeader(int headerSize, ByteBuf message) {
        if (headerSize < 0 || headerSize > message.readableBytes()) {
            throw new IllegalArgumentException("header size " + headerSize + " not in 0.." + message.readableBytes());
        }
    }

    /** {@code <size>\r\n<payload>\r\n}. */
    private static void body(ByteBuf out, ByteBuf payload) {
        Ascii.writeDecimal(out, payload.readableBytes());
        out.writeShort(CRLF);
        copy(out, payload);
        out.writeShort(CRLF);
    }

    private static void copy(ByteBuf out, ByteBuf src) {
        out.writeBytes(src, src.readerIndex(), src.readableBytes());
    }

    /** Writes {@code <op><subject> <sid> [reply] }. */
    private static void prefix(ByteBuf out, byte[] op, ByteBuf subject, ByteBuf sid, ByteBuf reply) {
        out.writeBytes(op);
        copy(out, subject);
        out.writeByte(' ');
        copy(out, sid);
        out.writeByte(' ');
        if (reply != null && reply.isReadable()) {
            copy(out, reply);
            out.writeByte(' ');
        }
    }
}
