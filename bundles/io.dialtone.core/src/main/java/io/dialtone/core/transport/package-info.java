/**
 * How a transport hands a connected channel to the broker kernel. Used by {@code io.dialtone.transport.netty}; not an
 * extension point for third parties.
 */
@Export
@Version("1.1.0")
package io.dialtone.core.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
