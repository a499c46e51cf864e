package io.dialtone.protocol;

import io.dialtone.protocol.internal.Ascii;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Encodes route operations as nats-server 2.9.10 writes them: {@code RS+ RS- RMSG HMSG}. Like {@link ServerOps},
 * never changes the reader index of its arguments; a {@code null} or empty reply or queue list means none.
 */
public final class RouteFrames {

    private static final byte[] RS_PLUS = {'R', 'S', '+', ' '};
    private static final byte[] RS_MINUS = {'R', 'S', '-', ' '};
    private static final byte[] RMSG = {'R', 'M', 'S', 'G', ' '};
    private static final byte[] HMSG = {'H', 'M', 'S', 'G', ' '};
    private static final short CRLF = ('\r' << 8) | '\n';

    private RouteFrames() {
    }

    /** {@code RS+ <account> <subject>[ <queue> <weight>]\r\n}; a null queue is a plain subscription. */
    public static void writeRemoteSub(ByteBuf out, String account, String subject, String queue, int weight) {
        out.writeBytes(RS_PLUS);
        ascii(out, account);
        out.writeByte(' ');
        ascii(out, subject);
        if (queue != null) {
            out.writeByte(' ');
            ascii(out, queue);
            out.writeByte(' ');
            Ascii.writeDecimal(out, weight);
        }
        out.writeShort(CRLF);
    }

    /** {@code RS- <account> <subject>[ <queue>]\r\n}. */
    public static void writeRemoteUnsub(ByteBuf out, String account, String subject, String queue) {
        out.writeBytes(RS_MINUS);
        ascii(out, account);
        out.writeByte(' ');
        ascii(out, subject);
        if (queue != null) {
            out.writeByte(' ');
            ascii(out, queue);
        }
        out.writeShort(CRLF);
    }

    /**
     * {@code RMSG <account> <subject> [reply] <size>}, with queue groups {@code RMSG <account> <subject> + <reply>
     * <queues> <size>} or {@code ... | <queues> <size>}; {@code HMSG} with a header size when {@code headerSize > 0}.
     * Then the message and CR LF.
     *
     * @param account the account name as bytes
     * @param queues the queue group names, blank-separated, or null/empty
     */
    public static void writeRouteMsg(ByteBuf out, byte[] account, ByteBuf subject, ByteBuf reply, CharSequence queues,
            int headerSize, ByteBuf message) {
        out.writeBytes(headerSize > 0 ? HMSG : RMSG);
        out.writeBytes(account);
        out.writeByte(' ');
        out.writeBytes(subject, subject.readerIndex(), subject.readableBytes());
        out.writeByte(' ');
        boolean hasReply = reply != null && reply.isReadable();
        if (queues != null && queues.length() > 0) {
            out.writeByte(hasReply ? '+' : '|');
            out.writeByte(' ');
            if (hasReply) {
                out.writeBytes(reply, reply.readerIndex(), reply.readableBytes());
                out.writeByte(' ');
            }
            out.writeCharSequence(queues, StandardCharsets.ISO_8859_1);
            out.writeByte(' ');
        } else if (hasReply) {
            out.writeBytes(reply, reply.readerIndex(), reply.readableBytes());
            out.writeByte(' ');
        }
        if (headerSize > 0) {
            Ascii.writeDecimal(out, headerSize);
            out.writeByte(' ');
        }
        Ascii.writeDecimal(out, message.readableBytes());
        out.writeShort(CRLF);
        out.writeBytes(message, message.readerIndex(), message.readableBytes());
        out.writeShort(CRLF);
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }
}
