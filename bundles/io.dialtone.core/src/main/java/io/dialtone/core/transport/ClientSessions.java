package io.dialtone.core.transport;

import io.netty.channel.Channel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel's entry for client connections. A transport calls {@link #attach(Channel, ClientTransport)} from its
 * channel initializer once its own handlers (TLS, WebSocket framing) are in the pipeline; the kernel then adds its
 * session handler last and greets the client when the channel becomes active (a transport that attaches to an
 * already active channel, after a WebSocket upgrade, fires {@code channelActive} to the session itself).
 */
@ProviderType
public interface ClientSessions {

    /** Pipeline name of the kernel's session handler. */
    String SESSION_HANDLER = "dialtone.session";

    /** Adds a plain TCP client session to {@code channel}'s pipeline. Called on the channel's event loop. */
    default void attach(Channel channel) {
        attach(channel, ClientTransport.PLAIN);
    }

    /** Adds a client session of the given transport to {@code channel}'s pipeline. Called on the channel's event loop. */
    void attach(Channel channel, ClientTransport transport);
}
