/**
 * nats-server's log line format ({@code [pid] yyyy/mm/dd hh:mm:ss.uuuuuu [INF] text}) and its levels, shared by the
 * bundles' SLF4J provider and the launcher, which writes the same lines from its class path before and after the
 * framework runs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dialtone.log.format;
