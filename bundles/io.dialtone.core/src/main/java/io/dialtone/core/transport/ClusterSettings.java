package io.dialtone.core.transport;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the cluster bundle tells the kernel about the cluster as a whole (per connection, see {@link RouteTransport}).
 *
 * @param name the cluster name clients are told in INFO ({@code cluster}), or null
 * @param clientUrls this server's client URLs ({@code host:port}): the routes are told them in INFO
 *     ({@code connect_urls}) and they come first in what clients are told; empty with {@code no_advertise}
 * @param noAdvertise clients are not told the URLs of the other servers
 * @param routeUrl this server's advertised route URL ({@code nats-route://host:port/}, route INFO's {@code ip}), or
 *     null when not advertising one
 * @param authRequired the cluster's routes must authenticate (route INFO's {@code auth_required})
 * @param onGossip told of a server a route announced that this server has no route to (an implicit route to dial);
 *     called on a route's event loop
 */
public record ClusterSettings(String name, List<String> clientUrls, boolean noAdvertise, String routeUrl,
        boolean authRequired, Consumer<GossipedRoute> onGossip) {
}
