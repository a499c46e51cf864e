package io.dialtone.core.transport;

import io.netty.channel.Channel;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel's entry for route connections (the servers of one cluster, full mesh, nats-server's route protocol).
 * The cluster bundle owns the route listener and dials the configured routes; the kernel speaks the protocol:
 * INFO/CONNECT, interest (RS+/RS-), messages (RMSG/HMSG), PING/PONG.
 */
@ProviderType
public interface RouteSessions {

    /** Pipeline name of the kernel's route handler. */
    String ROUTE_HANDLER = "dialtone.route";

    /**
     * Adds a route session to {@code channel}'s pipeline; it greets the peer when the channel becomes active.
     * Called on the channel's event loop.
     */
    void attachRoute(Channel channel, RouteTransport transport);

    /** This server's id, as routes and clients see it in INFO. */
    String serverId();

    /**
     * Completes when no route to the server {@code remoteId} is registered any more (at once if none is). A dialler
     * whose connection was closed as a duplicate waits for this before dialling again.
     */
    CompletionStage<Void> routeGone(String remoteId);
}
