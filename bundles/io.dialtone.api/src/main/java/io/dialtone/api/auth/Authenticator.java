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

    /**
     * Boolean service property: this authenticator admits clients that present no credentials at all (nats-server's
     * {@code no_auth_user}); INFO then does not say {@code auth_required}, as nats-server's does not.
     */
    String ADMITS_ANONYMOUS = "no_auth_user";

    /** Service property: {@code true} when this authenticator needs a nonce in INFO (nkey signatures). */
    String NONCE = "dialtone.auth.nonce";

    /** The decision on one CONNECT. */
    AuthDecision authenticate(ConnectAttempt attempt);
}
