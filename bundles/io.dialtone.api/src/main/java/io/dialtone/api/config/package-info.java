/**
 * The configuration contract between Dialtone's components and whatever writes their configurations (the config
 * bundle's nats-server file, {@code deploy/*.config} files, the Web Console): each component's configuration PID,
 * defined here once ({@link io.dialtone.api.config.ConfigurationPids}), and the value forms nats-server's options use
 * ({@link io.dialtone.api.config.GoDuration}).
 */
@Export
@Version("1.0.0")
package io.dialtone.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
