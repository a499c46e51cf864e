/** Route listener and dialler; the route protocol itself is the kernel's (io.dialtone.core.transport.RouteSessions). */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.cluster", version = "1.0.0")
package io.dialtone.cluster.internal;

import org.osgi.annotation.bundle.Capability;
