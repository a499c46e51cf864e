package io.dialtone.api.runtime;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A feature a bundle adds to the server (JetStream, gateways, leaf nodes, ...), registered as a service: the kernel
 * adds its {@link #info()} fields to the INFO every client is greeted with, and the monitor shows its {@link #varz()}
 * block in {@code /varz} and its {@link #details()} at the feature's own endpoint (for {@code jetstream},
 * {@code /jsz}). While no feature of a name is registered, both say what nats-server says when it is off.
 *
 * <p>Values are JSON-shaped: String, Boolean, Number, null, {@code Map<String, ?>} and {@code List<?>} of them.
 */
@ConsumerType
public interface ServerFeature {

    /** The feature's name as {@code /varz} names its block: {@code jetstream}, {@code gateway}, {@code leaf}, ... */
    String name();

    /**
     * Fields for INFO (e.g. {@code "jetstream": true}), written after {@code max_payload} in registration order;
     * INFO is flat: String, Boolean or Number values.
     * Read when the service is registered or its properties are modified (to change them, modify the registration).
     */
    default Map<String, Object> info() {
        return Map.of();
    }

    /** The feature's {@code /varz} block (nats-server's JetStreamVarz for {@code jetstream}); read per request. */
    default Map<String, Object> varz() {
        return Map.of();
    }

    /**
     * The body of the feature's own endpoint after {@code server_id} and {@code now} (nats-server's JSInfo for
     * {@code /jsz}); read per request. Empty: the endpoint answers as nats-server does while the feature is off.
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
