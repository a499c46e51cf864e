package io.dialtone.api.storage;

/**
 * A store refused an operation. {@link #reason()} says why; its {@link Reason#text()} is nats-server's error text,
 * and {@link Reason#INSUFFICIENT_RESOURCES} is what the engine reports as JetStream error 10023.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a store refused. */
    public enum Reason {
        /** The disk or memory is full, a file cannot be written or read, or the store failed and must be reopened. */
        INSUFFICIENT_RESOURCES("insufficient resources"),
        /** The store directory was written by a newer format this provider cannot read. */
        UNSUPPORTED_FORMAT("insufficient resources"),
        /** Discard-new stream at max_msgs. */
        MAX_MSGS("maximum messages exceeded"),
        /** Discard-new stream at max_bytes. */
        MAX_BYTES("maximum bytes exceeded"),
        /** Message larger than max_msg_size. */
        MESSAGE_TOO_LARGE("message too large"),
        /** A sequence given does not follow the store's last. */
        SEQUENCE_MISMATCH("expected sequence does not match store"),
        /** The store is closed. */
        CLOSED("stream store closed"),
        /** A stored record failed its checksum when read: it is not served. */
        CORRUPT("message corrupt"),
        /** An argument is invalid (a bad subject or filter). */
        BAD_REQUEST("bad request");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** nats-server's text for this reason. */
        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public StorageException(Reason reason, String detail) {
        super(reason.text() + ": " + detail);
        this.reason = reason;
    }

    public StorageException(Reason reason, String detail, Throwable cause) {
        super(reason.text() + ": " + detail, cause);
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
