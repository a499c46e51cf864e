/** The built-in authenticators. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.auth", version = "1.0.0")
package io.dialtone.auth.internal;

import org.osgi.annotation.bundle.Capability;
