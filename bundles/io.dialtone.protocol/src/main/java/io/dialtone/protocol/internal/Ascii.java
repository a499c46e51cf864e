package io.dialtone.protocol.internal;

import io.netty.buffer.ByteBuf;

/** Decimal parsing and writing over bytes, without Strings. */
public final class Ascii {

    private static final int MAX_PARSE_SIZE_LEN = 9;

    private Ascii() {
    }

    /**
     * nats-server's {@code parseSize}: 1 to 9 ASCII digits, else -1.
     *
     * @param buf the bytes
     * @param index first index
     * @param length number of bytes
     * @return the value, or -1 if not 1..9 decimal digits
     */
    public static int parseSize(ByteReader buf, int index, int length) {
        if (length == 0 || length > MAX_PARSE_SIZE_LEN) {
            return -1;
        }
        int n = 0;
        for (int i = index, end = index + length; i < end; i++) {
            byte b = buf.get(i);
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    /**
     * Writes a non-negative int in decimal.
     *
     * @param out the destination
     * @param value the value, at least 0
     */
    public static void writeDecimal(ByteBuf out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = digits(value);
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = at + digits - 1; i >= at; i--) {
            out.setByte(i, '0' + value % 10);
            value /= 10;
        }
        out.writerIndex(at + digits);
    }

    /**
     * @param value a value, at least 0
     * @return the number of its decimal digits
     */
    public static int digits(int value) {
        int n = 1;
        for (int v = value; v >= 10; v /= 10) {
            n++;
        }
        return n;
    }
}
