package io.dialtone.api.client;

import org.osgi.annotation.versioning.ProviderType;

/** Connects in-process clients; registered by the broker kernel. */
@ProviderType
public interface ClientService {

    /** The account every client is in unless an authenticator placed it elsewhere (nats-server's {@code $G}). */
    String GLOBAL_ACCOUNT = "$G";

    /**
     * The system account (nats-server's {@code $SYS}): where the server's own services listen, such as the JetStream
     * API. Connect to it by this name.
     */
    String SYSTEM_ACCOUNT = "$SYS";

    /**
     * A new in-process client in {@code account} (created when first named; null or empty is the global account),
     * under {@code name} (how logs and {@link Client#name()} call it).
     */
    Client connect(String account, String name);
}
