/**
 * The NATS client protocol codec, server side, matching nats-server 2.9.10 on the wire.
 *
 * <p>{@link io.dialtone.protocol.ClientParser} decodes client-to-server operations into calls on
 * {@link io.dialtone.protocol.ClientOps}; {@link io.dialtone.protocol.ServerOps} encodes
 * server-to-client operations; {@link io.dialtone.protocol.ProtocolError} lists the violations the
 * parser detects, with the exact {@code -ERR} text nats-server sends for each. {@link io.dialtone.protocol.RouteParser},
 * {@link io.dialtone.protocol.RouteOps} and {@link io.dialtone.protocol.RouteFrames} are the same for the route
 * protocol between the servers of a cluster; {@link io.dialtone.protocol.HostPort} writes addresses as INFO carries
 * them and reads them as nats-server's options give them, {@link io.dialtone.protocol.GoDuration} reads the options'
 * Go durations.
 *
 * <p>1.3.0: {@code HostPort.split}, {@code GoDuration} (the one parser of both, shared by the kernel, the config
 * bundle and the launcher).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.dialtone.protocol;
