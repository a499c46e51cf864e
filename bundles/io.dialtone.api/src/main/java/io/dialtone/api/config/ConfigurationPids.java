package io.dialtone.api.config;

/**
 * The configuration PIDs of Dialtone's components, each defined once: the component that owns a configuration names
 * its PID from here, and so does everything that writes it. Stable once released.
 */
public final class ConfigurationPids {

    /** Server identity and client limits (core). */
    public static final String SERVER = "io.dialtone.server";
    /** The monitoring HTTP endpoints (monitor). */
    public static final String MONITOR = "io.dialtone.monitor";
    /** The client listener (transport). */
    public static final String TRANSPORT_CLIENT = "io.dialtone.transport.client";
    /** The WebSocket listener, which exists while this configuration does (transport). */
    public static final String TRANSPORT_WEBSOCKET = "io.dialtone.transport.websocket";
    /** The cluster: routes (cluster). */
    public static final String CLUSTER = "io.dialtone.cluster";
    /** The Web Console plugin's settings (webconsole). */
    public static final String WEBCONSOLE = "io.dialtone.webconsole";
    /** The one token clients must present (auth). */
    public static final String AUTH_TOKEN = "io.dialtone.auth.token";
    /** Users with passwords, one factory configuration each (auth). */
    public static final String AUTH_USER_FACTORY = "io.dialtone.auth.user";
    /** Users by nkey, one factory configuration each (auth). */
    public static final String AUTH_NKEY_FACTORY = "io.dialtone.auth.nkey";
    /** The users a TLS client certificate may name (auth). */
    public static final String AUTH_TLSMAP = "io.dialtone.auth.tlsmap";
    /** Account imports, one factory configuration each (core). */
    public static final String ACCOUNT_IMPORT_FACTORY = "io.dialtone.account.import";
    /** Account subject mappings, one factory configuration each (core). */
    public static final String ACCOUNT_MAPPING_FACTORY = "io.dialtone.account.mapping";

    private ConfigurationPids() {
    }
}
