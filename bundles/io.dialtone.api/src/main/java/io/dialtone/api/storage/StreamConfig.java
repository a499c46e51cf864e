package io.dialtone.api.storage;

/**
 * The limits a stream store enforces itself. A value {@code <= 0} means unlimited (nats-server uses -1 or 0).
 *
 * @param maxMsgs messages kept at most
 * @param maxBytes bytes kept at most (as counted by {@link StreamState#bytes()})
 * @param maxAgeNanos age in nanoseconds after which a message expires
 * @param maxMsgsPerSubject messages kept per subject at most
 * @param maxMsgSize largest message accepted (subject, headers and payload)
 * @param discard what happens when {@code maxMsgs} or {@code maxBytes} would be exceeded
 */
public record StreamConfig(long maxMsgs, long maxBytes, long maxAgeNanos, long maxMsgsPerSubject, long maxMsgSize,
        Discard discard) {

    /** nats-server's discard policies. */
    public enum Discard {
        /** Remove the oldest messages to make room. */
        OLD,
        /** Refuse the new message. */
        NEW
    }

    public StreamConfig {
        if (discard == null) {
            discard = Discard.OLD;
        }
    }

    /** No limits, discard old. */
    public static StreamConfig unlimited() {
        return new StreamConfig(0, 0, 0, 0, 0, Discard.OLD);
    }

    public StreamConfig withMaxMsgs(long n) {
        return new StreamConfig(n, maxBytes, maxAgeNanos, maxMsgsPerSubject, maxMsgSize, discard);
    }

    public StreamConfig withMaxBytes(long n) {
        return new StreamConfig(maxMsgs, n, maxAgeNanos, maxMsgsPerSubject, maxMsgSize, discard);
    }

    public StreamConfig withMaxAgeNanos(long n) {
        return new StreamConfig(maxMsgs, maxBytes, n, maxMsgsPerSubject, maxMsgSize, discard);
    }

    public StreamConfig withMaxMsgsPerSubject(long n) {
        return new StreamConfig(maxMsgs, maxBytes, maxAgeNanos, n, maxMsgSize, discard);
    }

    public StreamConfig withMaxMsgSize(long n) {
        return new StreamConfig(maxMsgs, maxBytes, maxAgeNanos, maxMsgsPerSubject, n, discard);
    }

    public StreamConfig withDiscard(Discard d) {
        return new StreamConfig(maxMsgs, maxBytes, maxAgeNanos, maxMsgsPerSubject, maxMsgSize, d);
    }
}
