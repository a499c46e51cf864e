package io.dialtone.api.intercept;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A message on its way to one subscriber, as delivery interceptors see it: the published message (copies, never the
 * broker's buffers; {@link #clientId()} is the publisher) plus the subscription it goes to.
 */
@ProviderType
public interface DeliveredMessage extends PublishedMessage {

    /** The subscribing client's id. */
    long subscriberId();

    /** The subscribing client's CONNECT name, or empty. */
    String subscriberName();

    /** The subscription's id as the subscriber chose it. */
    String sid();

    /** The subject (pattern) the subscriber subscribed to. */
    String subscription();

    /** The subscription's queue group, or {@code null}. */
    String queue();
}
