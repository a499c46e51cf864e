package io.dialtone.api.storage;

/**
 * A stream store's state (nats-server's {@code StreamState} without the deleted list, see
 * {@link StreamStore#deletedRanges()}). On an empty store {@code firstSeq == lastSeq + 1}: sequences are never
 * reused, so a purge keeps {@code lastSeq}.
 *
 * @param msgs messages held
 * @param bytes bytes held: per message its subject, headers and payload plus {@link #MSG_OVERHEAD}
 * @param firstSeq sequence of the first message, or {@code lastSeq + 1} when empty
 * @param firstTime timestamp (Unix nanoseconds) of the first message, 0 when empty
 * @param lastSeq the last sequence assigned (stored or skipped), 0 for a new store
 * @param lastTime timestamp of the last stored message, 0 if none is held
 * @param numSubjects distinct subjects held
 * @param numDeleted sequences between first and last that hold no message (interior deletes)
 */
public record StreamState(long msgs, long bytes, long firstSeq, long firstTime, long lastSeq, long lastTime,
        long numSubjects, long numDeleted) {

    /** Bytes counted per message on top of subject, headers and payload (nats-server's memory store counts 16). */
    public static final int MSG_OVERHEAD = 16;

    /** The bytes a message counts for. */
    public static long msgSize(String subject, int headerLength, int payloadLength) {
        return (long) subject.length() + headerLength + payloadLength + MSG_OVERHEAD;
    }
}
