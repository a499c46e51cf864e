/**
 * Interceptors: services that see (and may change or refuse) messages as clients publish them
 * ({@link io.dialtone.api.intercept.PublishInterceptor}) and as they are delivered to each subscriber
 * ({@link io.dialtone.api.intercept.DeliveryInterceptor}), and hear about connections coming and going. Zero cost while
 * none is registered; never run on an event loop; a failing or late interceptor is contained, counted and its fallback
 * applied.
 *
 * <p>1.1.0: delivery interceptors ({@code DeliveryInterceptor}, {@code DeliveredMessage}).
 */
@Export
@Version("1.1.0")
package io.dialtone.api.intercept;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
