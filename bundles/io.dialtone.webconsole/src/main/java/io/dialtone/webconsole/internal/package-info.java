/** Web Console activation policy. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.webconsole", version = "1.0.0")
@Requirement(namespace = "osgi.identity", filter = "(osgi.identity=org.apache.felix.webconsole)")
package io.dialtone.webconsole.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Requirement;
