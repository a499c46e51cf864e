/**
 * Interceptors: services that see (and may change or refuse) messages as clients publish them, and hear about
 * connections coming and going. Zero cost while none is registered; never run on an event loop; a failing or
 * late interceptor is contained, counted and its fallback applied.
 */
@Export
@Version("1.0.0")
package io.dialtone.api.intercept;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
