package io.dialtone.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/** The cluster's view of itself. Registered by {@code io.dialtone.cluster} while the server is in a cluster. */
@ProviderType
public interface ClusterRuntime {

    /** A fresh snapshot of the cluster's settings and of the client URLs it advertises. */
    ClusterDTO cluster();
}
