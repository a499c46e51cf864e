package io.dialtone.store.file.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The record format of a block file, big-endian:
 * <pre>
 *  0 magic    u16  0xD1A7
 *  2 type     u8   {@link #MSG} ... {@link #BLOCK_END}
 *  3 reserved u8   0
 *  4 length   u32  the whole record, header to checksum
 *  8 seq      u64
 * 16 ts       u64  message timestamp; SKIP: count; BLOCK_START: last sequence
 * 24 op       u64  the operation number it belongs to
 * 32 subjLen  u16
 * 34 hdrLen   u32
 * 38 bodyLen  u32
 * 42 subject, headers, payload
 *  . crc32c   u32  over everything before it
 * </pre>
 * A record is {@link #OVERHEAD} bytes plus its subject, headers and payload: a message counting {@code size} bytes
 * in the stream state takes {@code size + OVERHEAD - 16} on disk.
 */
final class Record {

    static final short MAGIC = (short) 0xD1A7;
    static final int HEADER = 42;
    static final int OVERHEAD = HEADER + 4;

    static final byte MSG = 1;
    static final byte TOMBSTONE = 2;
    static final byte FLOOR = 3;
    static final byte TRUNCATE = 4;
    static final byte SKIP = 5;
    /** First record of every block: the stream's first and last sequence and applied count when it was opened. */
    static final byte BLOCK_START = 6;
    /** A message overwritten by erase (its tombstone follows). */
    static final byte ERASED = 7;
    /** Last record of a sealed block: the stream's last sequence then. A sealed block without it was cut short. */
    static final byte BLOCK_END = 8;

    private Record() {
    }

    /** The on-disk length of a message that counts {@code size} bytes in the stream state. */
    static int lengthOf(int size) {
        return size - io.dialtone.api.storage.StreamState.MSG_OVERHEAD + OVERHEAD;
    }

    /** Encodes a record into {@code buf} (cleared, then flipped for writing). */
    static ByteBuffer encode(ByteBuffer buf, byte type, long seq, long ts, long op, String subject, byte[] headers,
            byte[] payload) {
        byte[] subj = subject == null ? new byte[0] : subject.getBytes(StandardCharsets.UTF_8);
        int hl = headers == null ? 0 : headers.length;
        int pl = payload == null ? 0 : payload.length;
        int length = OVERHEAD + subj.length + hl + pl;
        ByteBuffer b = buf.capacity() >= length ? buf.clear() : ByteBuffer.allocate(length);
        b.putShort(MAGIC).put(type).put((byte) 0).putInt(length).putLong(seq).putLong(ts).putLong(op)
                .putShort((short) subj.length).putInt(hl).putInt(pl).put(subj);
        if (hl > 0) {
            b.put(headers);
        }
        if (pl > 0) {
            b.put(payload);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), b.arrayOffset(), b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /**
     * The length of a valid record at {@code pos} in {@code data[0, limit)}, or -1 when none starts there (bad magic,
     * impossible length, past the end, or a checksum mismatch).
     */
    static int validAt(byte[] data, int pos, int limit) {
        if (limit - pos < OVERHEAD) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(data, pos, limit - pos);
        if (b.getShort() != MAGIC) {
            return -1;
        }
        byte type = b.get();
        b.get();
        int length = b.getInt();
        if (type < MSG || type > BLOCK_END || length < OVERHEAD || length > limit - pos) {
            return -1;
        }
        int subjLen = Short.toUnsignedInt(b.getShort(pos + 32));
        long body = (long) subjLen + b.getInt(pos + 34) + b.getInt(pos + 38);
        if (body != length - OVERHEAD) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(data, pos, length - 4);
        return (int) crc.getValue() == ByteBuffer.wrap(data, pos + length - 4, 4).getInt() ? length : -1;
    }

    /** Whether the bytes at {@code pos} could begin a record cut short by the end of the file (a torn write). */
    static boolean cutShort(byte[] data, int pos, int limit) {
        if (limit - pos < 8) {
            return limit - pos < 2 || ByteBuffer.wrap(data, pos, 2).getShort() == MAGIC;
        }
        ByteBuffer b = ByteBuffer.wrap(data, pos, limit - pos);
        return b.getShort() == MAGIC && b.getInt(pos + 4) > limit - pos;
    }

    static byte type(byte[] data, int pos) {
        return data[pos + 2];
    }

    static long seq(byte[] data, int pos) {
        return ByteBuffer.wrap(data).getLong(pos + 8);
    }

    static long ts(byte[] data, int pos) {
        return ByteBuffer.wrap(data).getLong(pos + 16);
    }

    static long op(byte[] data, int pos) {
        return ByteBuffer.wrap(data).getLong(pos + 24);
    }

    static String subject(byte[] data, int pos) {
        int len = Short.toUnsignedInt(ByteBuffer.wrap(data).getShort(pos + 32));
        return new String(data, pos + HEADER, len, StandardCharsets.UTF_8);
    }

    /** The stream-state size of the message record at {@code pos}. */
    static int size(byte[] data, int pos, int length) {
        return length - OVERHEAD + io.dialtone.api.storage.StreamState.MSG_OVERHEAD;
    }
}
