/**
 * Typed runtime snapshots of the broker, shared by the launcher, the monitoring endpoints, the Web Console and tests.
 *
 * <p>1.1.0: {@code BrokerRuntime.authenticators()} with {@code AuthenticatorDTO}; {@code InterceptorDTO} covers both
 * kinds of interceptor and counts modifications.
 *
 * <p>1.3.0: {@code ClusterRuntime} with {@code ClusterDTO}, the cluster's settings and advertised client URLs.
 *
 * <p>1.4.0: {@code ServerFeature}, how a bundle adds a feature flag to INFO and its blocks to the monitoring endpoints.
 */
@Export
@Version("1.4.0")
package io.dialtone.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
