package io.dialtone.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/** The broker kernel's view of itself. Registered by {@code io.dialtone.core}. */
@ProviderType
public interface ServerRuntime {

    /** A fresh snapshot of the server's identity and effective limits. */
    ServerDTO server();
}
