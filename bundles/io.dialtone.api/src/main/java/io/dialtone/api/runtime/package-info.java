/**
 * Typed runtime snapshots of the broker, shared by the launcher, the monitoring endpoints, the Web Console and tests.
 */
@Export
@Version("1.0.0")
package io.dialtone.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
