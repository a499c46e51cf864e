package io.dialtone.core.internal;

/**
 * Who holds subscriptions: a client connection, an in-process client, a route (its peer's interest). The delivery
 * loop compares owners by identity (echo) and calls back only when a subscription reached its max.
 */
interface Subscriber {

    /** Its connection id (a route's rid). */
    long id();

    /** Its name (CONNECT's name for a client), or empty. */
    String name();

    /** Removes one of its subscriptions (an auto-unsubscribe reached its max); from any thread. */
    void unsubscribe(Subscription s);
}
