package io.dialtone.api.intercept;

import io.dialtone.api.runtime.ConnectionDTO;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears about clients connecting (once their CONNECT is accepted, after authentication) and disconnecting. Called
 * off the event loop, in order per client; a listener that throws is logged and ignored. Zero cost when none is
 * registered.
 */
@ConsumerType
public interface ConnectionListener {

    /** A client was admitted. */
    void connected(ConnectionDTO connection);

    /** A client is gone; {@code connection.reason} says why (nats-server's closed-state names). */
    void disconnected(ConnectionDTO connection);
}
