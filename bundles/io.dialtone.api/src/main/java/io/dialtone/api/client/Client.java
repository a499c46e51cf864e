package io.dialtone.api.client;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One in-process client connection in one account. Thread-safe: publish and subscribe from any thread (publishes are
 * serialised per client). Not subject to permissions, interceptors or the fast-producer stall (it never waits).
 */
@ProviderType
public interface Client extends AutoCloseable {

    /** Its connection id, from the same sequence as socket clients' {@code cid}, so it never names another. */
    long id();

    /** The name it was connected under. */
    String name();

    /** The account it publishes and subscribes in. */
    String account();

    /**
     * Subscribes to {@code subject} (wildcards allowed), in queue group {@code queue} when not null; messages go to
     * {@code handler} in batches (see {@link MessageHandler}). Route peers hear of the interest as of a client's.
     *
     * @throws IllegalArgumentException for an invalid subject or queue name
     * @throws IllegalStateException when this client is closed
     */
    ClientSubscription subscribe(String subject, String queue, MessageHandler handler);

    /**
     * Publishes a message; returns once it is appended to every subscriber it goes to.
     *
     * @param subject a literal subject
     * @param reply the reply subject, or null
     * @param headers a whole NATS header block ({@code NATS/1.0\r\n...\r\n\r\n}), or null for none
     * @param payload the payload, not null (may be empty)
     * @throws IllegalArgumentException for an invalid subject or a message over max_payload
     * @throws IllegalStateException when this client is closed
     */
    void publish(String subject, String reply, byte[] headers, byte[] payload);

    /** As {@link #publish(String, String, byte[], byte[])}, from buffers (read from position to limit, not moved). */
    void publish(String subject, String reply, ByteBuffer headers, ByteBuffer payload);

    boolean isClosed();

    /** Removes its subscriptions (routes hear RS-) and closes it; idempotent. */
    @Override
    void close();
}
