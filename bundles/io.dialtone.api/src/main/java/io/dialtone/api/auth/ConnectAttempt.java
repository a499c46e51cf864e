package io.dialtone.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/** What a client presented in its CONNECT, plus where it comes from. Values not sent are {@code null}. */
@ProviderType
public interface ConnectAttempt {

    long clientId();

    /** The client's address, {@code ip:port}. */
    String remoteAddress();

    String user();

    String password();

    /** {@code auth_token}. */
    String token();

    /** The nkey public key ({@code U...}). */
    String nkey();

    /** The signature over {@link #nonce()}, base64 (raw URL or standard). */
    String signature();

    /** The nonce sent in INFO, or {@code null} when none was sent. */
    String nonce();

    String jwt();

    /** CONNECT's {@code name}. */
    String name();

    /** The certificate the client presented in the TLS handshake, or {@code null} (no TLS, or none asked for). */
    default java.security.cert.X509Certificate certificate() {
        return null;
    }

    /**
     * Whether the client's listener maps its certificate to a user (nats-server's {@code verify_and_map}): then the
     * certificate's subject, e-mail addresses or DNS names, not CONNECT's user and password, name the user.
     */
    default boolean certificateNamesUser() {
        return false;
    }
}
