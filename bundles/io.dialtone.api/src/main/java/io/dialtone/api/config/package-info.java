/**
 * The configuration contract between Dialtone's components and whatever writes their configurations (the config
 * bundle's nats-server file, {@code deploy/*.config} files, the Web Console): each component's configuration PID,
 * defined here once ({@link io.dialtone.api.config.ConfigurationPids}). Compile-time constants only: the launcher
 * reads configuration files before the framework runs without this bundle on its class path (an api class on the
 * launcher's class path would make the framework withhold the api's service events from the launcher).
 */
@Export
@Version("1.0.0")
package io.dialtone.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
