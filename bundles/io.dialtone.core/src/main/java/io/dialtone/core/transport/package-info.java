/**
 * How a transport hands a connected channel to the broker kernel, and how the cluster bundle hands it a route
 * connection. Used by {@code io.dialtone.transport.netty} and {@code io.dialtone.cluster}; not an extension point
 * for third parties.
 *
 * <p>1.3.0: {@code RouteSessions.cluster(ClusterSettings)} and {@code connectUrls()}, {@code GossipedRoute}.
 */
@Export
@Version("1.3.0")
package io.dialtone.core.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
