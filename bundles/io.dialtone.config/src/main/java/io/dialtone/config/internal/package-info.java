/** The configuration file's mapping onto Dialtone, and the component that applies it to Config Admin. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.config", version = "1.0.0")
package io.dialtone.config.internal;

import org.osgi.annotation.bundle.Capability;
