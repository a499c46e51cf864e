package io.dialtone.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether a client may connect. Authenticators are asked in {@code service.ranking} order (highest first);
 * the first that allows or denies decides; when all abstain the client is refused with nats-server's
 * {@code Authorization Violation}. Called off the event loop, within the server's auth timeout; an authenticator that
 * throws is logged and counts as abstaining.
 */
@ConsumerType
public interface Authenticator {

    /** Service property: {@code true} when this authenticator needs a nonce in INFO (nkey signatures). */
    String NONCE = "dialtone.auth.nonce";

    /** The decision on one CONNECT. */
    AuthDecision authenticate(ConnectAttempt attempt);
}
