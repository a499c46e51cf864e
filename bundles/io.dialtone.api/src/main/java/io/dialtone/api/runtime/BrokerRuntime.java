package io.dialtone.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/** The broker kernel's live counters. Registered by {@code io.dialtone.core}; /varz and the console render them. */
@ProviderType
public interface BrokerRuntime {

    /** A fresh snapshot of the server-wide counters. */
    BrokerStatsDTO stats();
}
