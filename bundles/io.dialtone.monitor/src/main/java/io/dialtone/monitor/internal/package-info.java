/** The monitoring endpoints and the HTTP server switch. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.monitor", version = "1.0.0")
@Requirement(namespace = "osgi.implementation", name = "osgi.http", version = "2.0.0")
package io.dialtone.monitor.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Requirement;
