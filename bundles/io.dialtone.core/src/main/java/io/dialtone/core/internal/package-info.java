/** The kernel's implementation. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.core", version = "1.0.0")
package io.dialtone.core.internal;

import org.osgi.annotation.bundle.Capability;
