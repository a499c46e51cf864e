package io.dialtone.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;

/**
 * Writes a whole MSG or HMSG into a buffer's native memory in one pass: room is made once, the parts are copied to
 * the address, and the writer index moves once.
 *
 * <p>Through the ByteBuf API each of a message's ten or so parts was a {@code writeBytes} with its own capacity,
 * reference-count and index checks; C2 inlined every one of those call sites into the delivery path (about 400
 * inlined methods, half a second of compilation per recompile on this machine, LogCompilation on fanout) and ran
 * them per delivery. Here a part is one {@code copyMemory}.
 */
public final class RawWrite {

    private RawWrite() {
    }

    /**
     * Writes {@code <op><subject> <sid> [reply ][headerSize ]<size>\r\n<message>\r\n} if {@code out} has a native
     * address.
     *
     * @param out the destination
     * @param op the operation with its trailing blank ({@code "MSG "} or {@code "HMSG "})
     * @param subject the subject (readable bytes)
     * @param sid the subscription id (readable bytes)
     * @param reply the reply subject; {@code null} or empty for none
     * @param headerSize the header size to write, or -1 to write none (MSG)
     * @param message the message (readable bytes)
     * @return false, having written nothing, when {@code out} has no native address
     */
    public static boolean message(ByteBuf out, byte[] op, ByteBuf subject, ByteBuf sid, ByteBuf reply,
            int headerSize, ByteBuf message) {
        if (!out.hasMemoryAddress()) {
            return false;
        }
        int replyLen = reply == null ? 0 : reply.readableBytes();
        int size = message.readableBytes();
        int sizeDigits = Ascii.digits(size);
        int headerDigits = headerSize >= 0 ? Ascii.digits(headerSize) : 0;
        int len = op.length + subject.readableBytes() + 1 + sid.readableBytes() + 1
                + (replyLen > 0 ? replyLen + 1 : 0) + (headerSize >= 0 ? headerDigits + 1 : 0)
                + sizeDigits + 2 + size + 2;
        out.ensureWritable(len);
        int w = out.writerIndex();
        long at = out.memoryAddress() + w;
        PlatformDependent.copyMemory(op, 0, at, op.length);
        at = put(at + op.length, subject);
        PlatformDependent.putByte(at++, (byte) ' ');
        at = put(at, sid);
        PlatformDependent.putByte(at++, (byte) ' ');
        if (replyLen > 0) {
            at = put(at, reply);
            PlatformDependent.putByte(at++, (byte) ' ');
        }
        if (headerSize >= 0) {
            at = decimal(at, headerSize, headerDigits);
            PlatformDependent.putByte(at++, (byte) ' ');
        }
        at = decimal(at, size, sizeDigits);
        PlatformDependent.putByte(at++, (byte) '\r');
        PlatformDependent.putByte(at++, (byte) '\n');
        at = put(at, message);
        PlatformDependent.putByte(at++, (byte) '\r');
        PlatformDependent.putByte(at, (byte) '\n');
        out.writerIndex(w + len);
        return true;
    }

    /** Copies {@code src}'s readable bytes to {@code at}; returns the address after them. */
    private static long put(long at, ByteBuf src) {
        int n = src.readableBytes();
        if (n == 0) {
            return at;
        }
        int from = src.readerIndex();
        if (src.hasMemoryAddress()) {
            PlatformDependent.copyMemory(src.memoryAddress() + from, at, n);
        } else if (src.hasArray()) {
            PlatformDependent.copyMemory(src.array(), src.arrayOffset() + from, at, n);
        } else {
            for (int i = 0; i < n; i++) {
                PlatformDependent.putByte(at + i, src.getByte(from + i));
            }
        }
        return at + n;
    }

    /** Writes {@code value} (at least 0, {@code n} digits) in decimal at {@code at}; returns the address after it. */
    private static long decimal(long at, int value, int n) {
        for (long p = at + n - 1; p >= at; p--) {
            PlatformDependent.putByte(p, (byte) ('0' + value % 10));
            value /= 10;
        }
        return at + n;
    }
}
