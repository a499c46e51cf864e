package io.dialtone.api.storage;

/**
 * What a store holds under one subject or filter (nats-server's {@code SimpleState}).
 *
 * @param msgs messages
 * @param firstSeq first sequence among them, 0 when none
 * @param lastSeq last sequence among them, 0 when none
 */
public record SubjectState(long msgs, long firstSeq, long lastSeq) {

    /** Nothing. */
    public static final SubjectState EMPTY = new SubjectState(0, 0, 0);
}
