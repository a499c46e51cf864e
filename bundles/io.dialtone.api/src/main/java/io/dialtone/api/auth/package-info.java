/**
 * The authenticator SPI: services that decide on a client's CONNECT. Register an {@link Authenticator} (a bundle
 * dropped into deploy/ may do so at runtime); while at least one is registered, clients must authenticate.
 */
@Export
@Version("1.1.0")
package io.dialtone.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
