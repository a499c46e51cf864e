package io.dialtone.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/** The broker kernel's live counters. Registered by {@code io.dialtone.core}; /varz and the console render them. */
@ProviderType
public interface BrokerRuntime {

    /** A fresh snapshot of the server-wide counters. */
    BrokerStatsDTO stats();

    /** The open client connections, ordered by client id. */
    java.util.List<ConnectionDTO> connections();

    /** Recently closed client connections, oldest first (a bounded history, as nats-server keeps). */
    java.util.List<ConnectionDTO> closedConnections();

    /** Every subscription of every account. */
    java.util.List<SubscriptionDTO> subscriptions();

    /** Statistics of the subscription index (nats-server's /subsz). */
    SubscriptionIndexDTO subscriptionIndex();

    /**
     * The registered interceptors with their counters and last failure: the publish interceptors, then the delivery
     * interceptors, each kind highest ranking first.
     */
    java.util.List<InterceptorDTO> interceptors();

    /** The registered authenticators, in the order they are asked (highest ranking first), with their decisions. */
    java.util.List<AuthenticatorDTO> authenticators();

    /** The registered routes to the other servers of the cluster, ordered by route id; empty without a cluster. */
    java.util.List<RouteDTO> routes();
}
