/**
 * In-process clients: how a bundle other than core (JetStream, gateways' system traffic, a bridge) publishes and
 * subscribes inside the broker without a socket, as nats-server's internal clients do.
 *
 * <p>Core registers a {@link io.dialtone.api.client.ClientService}; {@code connect(account, name)} gives a
 * {@link io.dialtone.api.client.Client} in that account. Its subscriptions are ordinary interest: local publishers
 * and route peers (which hear RS+ for them) deliver to them as to any client. Messages reach a
 * {@link io.dialtone.api.client.MessageHandler} off the event loops, a batch at a time (everything one publisher read
 * batch delivered, or more when the handler was busy), never a thread hop per message. A handler that falls behind
 * holds back the producing connections through nats-server's fast-producer stall instead of being closed as a slow
 * consumer. No Netty type and no reference-counted buffer crosses this API.
 */
@Export
@Version("1.0.0")
package io.dialtone.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
