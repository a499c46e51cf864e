/** Netty listeners. The epoll native library is a fragment that no import names, hence the requirement. */
@Capability(namespace = "osgi.implementation", name = "io.dialtone.transport.netty", version = "1.0.0")
@Requirement(namespace = "osgi.identity", filter = "(osgi.identity=io.netty.transport-native-epoll.linux-x86_64)")
package io.dialtone.transport.netty.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Requirement;
