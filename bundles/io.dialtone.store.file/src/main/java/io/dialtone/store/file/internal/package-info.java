/** The file storage provider. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.store.file", version = "1.0.0")
package io.dialtone.store.file.internal;

import org.osgi.annotation.bundle.Capability;
