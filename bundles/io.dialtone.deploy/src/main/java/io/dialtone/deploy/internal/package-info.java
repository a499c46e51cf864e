/** Hot deployment diagnostics: reports what Felix FileInstall would otherwise skip without a word. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.deploy", version = "1.0.0")
package io.dialtone.deploy.internal;

import org.osgi.annotation.bundle.Capability;
