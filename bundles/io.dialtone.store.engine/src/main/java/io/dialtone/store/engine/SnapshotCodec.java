package io.dialtone.store.engine;

import io.dialtone.api.storage.StoredMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The portable snapshot format, the same for every provider (so a snapshot moves a stream between providers):
 * magic, version, first, last, applied, message count, then per message seq, timestamp, subject, headers, payload,
 * and a CRC32C of all that. Interior deletes are the sequences between first and last that no message names.
 */
final class SnapshotCodec {

    private static final int MAGIC = 0x44545331; // "DTS1"
    private static final int VERSION = 1;

    private SnapshotCodec() {
    }

    /** Yields the held message at or after a sequence. */
    @FunctionalInterface
    interface Cursor {
        /** Fills {@code into} with the first message at or after {@code from}; returns its seq, 0 at the end. */
        long next(long from, StoredMessage into);
    }

    static void write(OutputStream os, long first, long last, long applied, long msgs, Cursor cursor)
            throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new java.util.zip.CheckedOutputStream(
                os, crc), 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(first);
        out.writeLong(last);
        out.writeLong(applied);
        out.writeLong(msgs);
        StoredMessage m = new StoredMessage();
        for (long seq = cursor.next(0, m); seq != 0; seq = cursor.next(seq + 1, m)) {
            out.writeLong(seq);
            out.writeLong(m.timestamp());
            byte[] subject = m.subject().getBytes(StandardCharsets.UTF_8);
            out.writeShort(subject.length);
            out.write(subject);
            out.writeInt(m.headerLength());
            out.writeInt(m.payloadLength());
            out.write(m.buffer(), 0, m.headerLength() + m.payloadLength());
        }
        out.flush();
        new DataOutputStream(os).writeInt((int) crc.getValue());
        os.flush();
    }

    static Reader read(InputStream is) throws IOException {
        return new Reader(is);
    }

    /** Reads a snapshot: the header at once, then messages one by one, then checks the CRC. */
    static final class Reader {
        private final CRC32C crc = new CRC32C();
        private final InputStream raw;
        private final DataInputStream in;
        private final long first;
        private final long last;
        private final long applied;
        private long remaining;

        Reader(InputStream is) throws IOException {
            raw = new BufferedInputStream(is, 1 << 16);
            in = new DataInputStream(new java.util.zip.CheckedInputStream(raw, crc));
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Dialtone stream snapshot");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("snapshot format " + version + " is newer than this provider reads");
            }
            first = in.readLong();
            last = in.readLong();
            applied = in.readLong();
            remaining = in.readLong();
        }

        long first() {
            return first;
        }

        long last() {
            return last;
        }

        long applied() {
            return applied;
        }

        boolean next(StoredMessage into) throws IOException {
            if (remaining == 0) {
                int expected = new DataInputStream(raw).readInt();
                if (expected != (int) crc.getValue()) {
                    throw new IOException("snapshot checksum mismatch");
                }
                remaining = -1;
                return false;
            }
            if (remaining < 0) {
                return false;
            }
            remaining--;
            long seq = in.readLong();
            long ts = in.readLong();
            byte[] subject = new byte[in.readUnsignedShort()];
            in.readFully(subject);
            int hl = in.readInt();
            int pl = in.readInt();
            if (hl < 0 || pl < 0) {
                throw new EOFException("bad lengths in snapshot");
            }
            byte[] buf = into.fill(seq, ts, new String(subject, StandardCharsets.UTF_8), hl, pl);
            in.readFully(buf, 0, hl + pl);
            return true;
        }
    }
}
