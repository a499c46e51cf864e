package io.dialtone.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A listener that accepts connections. Registered by the transport once it is accepting, with the service properties
 * {@link io.dialtone.api.launch.LaunchProperties#LISTENER_NAME}, {@code LISTENER_HOST} and {@code LISTENER_PORT}; the
 * launcher waits for the client listener's registration before it logs {@code Server is ready}.
 */
@ProviderType
public interface ListenerRuntime {

    /** A snapshot of the listener. */
    ListenerDTO listener();
}
