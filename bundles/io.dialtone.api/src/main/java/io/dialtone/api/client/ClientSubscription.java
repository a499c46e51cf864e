package io.dialtone.api.client;

import org.osgi.annotation.versioning.ProviderType;

/** One subscription of an in-process {@link Client}. */
@ProviderType
public interface ClientSubscription {

    String subject();

    /** The queue group, or null. */
    String queue();

    /** Messages handed to its handler so far. */
    long delivered();

    /** Removes the interest (routes hear RS-); messages already queued are dropped. Idempotent. */
    void unsubscribe();
}
