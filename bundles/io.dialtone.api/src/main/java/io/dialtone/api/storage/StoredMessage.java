package io.dialtone.api.storage;

import java.util.Arrays;

/**
 * A caller-owned, reusable holder that a store fills on load (nats-server's {@code StoreMsg}): one per reader, reused
 * for every load, so a load allocates nothing but, when the holder's buffer is too small, a bigger buffer. Headers
 * and payload sit side by side in {@link #buffer()}: headers at {@code [0, headerLength)}, the payload right after.
 * Not thread-safe.
 */
public final class StoredMessage {

    private static final byte[] NONE = new byte[0];

    private long seq;
    private long timestamp;
    private String subject;
    private byte[] buffer = NONE;
    private int headerLength;
    private int payloadLength;

    /** The sequence. */
    public long seq() {
        return seq;
    }

    /** The timestamp, Unix nanoseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** The subject. */
    public String subject() {
        return subject;
    }

    /** The buffer holding headers then payload; it may be longer than both. Owned by this holder. */
    public byte[] buffer() {
        return buffer;
    }

    /** Length of the headers at the start of {@link #buffer()} (0: none). */
    public int headerLength() {
        return headerLength;
    }

    /** Length of the payload, which starts at {@link #headerLength()}. */
    public int payloadLength() {
        return payloadLength;
    }

    /** A copy of the headers (for tests and cold paths). */
    public byte[] headers() {
        return Arrays.copyOfRange(buffer, 0, headerLength);
    }

    /** A copy of the payload (for tests and cold paths). */
    public byte[] payload() {
        return Arrays.copyOfRange(buffer, headerLength, headerLength + payloadLength);
    }

    /**
     * For stores: sets the fields and returns a buffer of at least {@code headerLength + payloadLength} bytes for the
     * store to fill (this holder's own, grown when too small).
     */
    public byte[] fill(long seq, long timestamp, String subject, int headerLength, int payloadLength) {
        this.seq = seq;
        this.timestamp = timestamp;
        this.subject = subject;
        this.headerLength = headerLength;
        this.payloadLength = payloadLength;
        int need = headerLength + payloadLength;
        if (buffer.length < need) {
            buffer = new byte[(int) Math.max(need, Math.min(2L * buffer.length, Integer.MAX_VALUE - 8))];
        }
        return buffer;
    }

    @Override
    public String toString() {
        return "StoredMessage[seq=" + seq + ", subject=" + subject + ", headers=" + headerLength + " B, payload="
                + payloadLength + " B]";
    }
}
