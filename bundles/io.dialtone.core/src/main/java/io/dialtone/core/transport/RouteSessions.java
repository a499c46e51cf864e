package io.dialtone.core.transport;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel's entry for route connections (the servers of one cluster, full mesh, nats-server's route protocol).
 * The cluster bundle owns the route listener and dials the configured routes; the kernel speaks the protocol:
 * INFO/CONNECT, interest (RS+/RS-), messages (RMSG/HMSG), PING/PONG, and the gossip of INFO: new peers announced to
 * the other routes, the servers' client URLs collected for clients.
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

    /**
     * The cluster this server is now in (again, after a reload), or null when it left it. Routes registered from then
     * on, and clients greeted from then on, see these settings.
     */
    void cluster(ClusterSettings settings);

    /**
     * The client URLs clients are told ({@code connect_urls}): this server's first, then those the routes brought;
     * empty until a route brought some (as nats-server, whose INFO carries none before), and with
     * {@code no_advertise}.
     */
    List<String> connectUrls();
}
