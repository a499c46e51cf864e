package io.dialtone.core.transport;

import java.util.function.Consumer;

/**
 * What the cluster bundle tells the kernel about one route connection.
 *
 * @param solicited this server dialled the peer (it then sends CONNECT first)
 * @param url the dialled URL as configured (without credentials), or null for an accepted connection
 * @param configured the dialled URL is in the configured route list (/routez's is_configured)
 * @param clusterName this server's cluster name; a peer of another cluster is refused
 * @param user user to send in CONNECT when dialling (the URL's user info), or null
 * @param password its password, or null
 * @param requiredUser for an accepted connection, the user the peer must send (cluster authorization), or null
 * @param requiredPassword its password
 * @param authTimeoutMillis how long an accepted peer has to send CONNECT when authorization is required
 * @param host this server's route host, as INFO advertises it
 * @param port this server's route port, as INFO advertises it
 * @param onRegistered told the peer's server id once the route is registered
 * @param onDuplicate told the peer's server id when this connection is closed because another route to the same
 *     server is kept
 */
public record RouteTransport(boolean solicited, String url, boolean configured, String clusterName, String user,
        String password, String requiredUser, String requiredPassword, long authTimeoutMillis, String host, int port,
        Consumer<String> onRegistered, Consumer<String> onDuplicate) {
}
