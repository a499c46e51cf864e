/** Web Console activation policy. The console is served on the monitoring HTTP port, which io.dialtone.monitor opens. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.webconsole", version = "1.0.0")
@Requirement(namespace = "osgi.identity", filter = "(osgi.identity=org.apache.felix.webconsole)")
@Requirement(namespace = "osgi.implementation", filter = "(osgi.implementation=io.dialtone.monitor)")
package io.dialtone.webconsole.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Requirement;
