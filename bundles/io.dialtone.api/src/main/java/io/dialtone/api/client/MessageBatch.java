package io.dialtone.api.client;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The messages handed to a {@link MessageHandler} in one call, read as a cursor: {@link #next()} moves to the next
 * message, then the accessors describe it. Nothing is allocated per message unless asked for (the String accessors);
 * the buffers are read-only views valid only until {@link #next()} or the end of the call: copy what is kept.
 */
@ProviderType
public interface MessageBatch {

    /** The subscription the messages are for. */
    ClientSubscription subscription();

    /** How many messages the batch holds. */
    int size();

    /** Moves to the next message; false when there is none (the first call moves to the first). */
    boolean next();

    /** The current message's subject. */
    String subject();

    /** Its reply subject, or null. */
    String reply();

    /** Its whole header block ({@code NATS/1.0\r\n...}), empty when it has none. */
    ByteBuffer headers();

    /** Its payload. */
    ByteBuffer payload();
}
