/**
 * A nats-server configuration file as the launcher needs it before the framework starts: checked ({@code -t}), its
 * launch settings and client TLS read, the command-line flags merged over its TLS and cluster blocks as nats-server
 * merges them. Inside the framework, io.dialtone.config turns the same file into Config Admin configurations.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dialtone.config.file;
