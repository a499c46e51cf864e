package io.dialtone.core.transport;

/**
 * A server another server of the cluster announced over a route (nats-server's INFO about a new peer), to which this
 * server has no route yet.
 *
 * @param serverId the announced server's id
 * @param url where to dial it: the INFO's {@code ip}, {@code nats-route://host:port/}
 * @param host the announced server's route host (INFO's {@code host}), to compare with the configured routes
 * @param port its route port (INFO's {@code port})
 * @param authRequired it requires route authorization: dial with this server's cluster credentials
 */
public record GossipedRoute(String serverId, String url, String host, int port, boolean authRequired) {
}
