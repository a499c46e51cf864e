/** The memory storage provider. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.store.memory", version = "1.0.0")
package io.dialtone.store.memory.internal;

import org.osgi.annotation.bundle.Capability;
