package io.dialtone.api.client;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives an in-process subscription's messages, a batch at a time, on a thread of the broker's client pool (never
 * an event loop), one call at a time per subscription and in delivery order. Until it returns, the bytes of the batch
 * count against max_pending: a handler that is slow holds back the producing connections (the fast-producer stall),
 * it is not closed as a slow consumer. What it throws is logged and the batch counts as handled.
 */
@ConsumerType
@FunctionalInterface
public interface MessageHandler {

    /** The messages delivered since the last call; {@code batch} and what it returns are valid only during the call. */
    void onMessages(MessageBatch batch);
}
