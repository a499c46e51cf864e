/**
 * The contract between the {@code bin/dialtone} launcher and the bundles: the framework properties the launcher sets
 * from nats-server flags, and the service properties of the listening sockets it binds before the framework starts.
 */
@Export
@Version("1.0.0")
package io.dialtone.api.launch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
