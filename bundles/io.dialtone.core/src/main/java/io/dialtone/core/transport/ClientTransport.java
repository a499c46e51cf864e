package io.dialtone.core.transport;

import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * What a listener tells the kernel about the connections it hands over: the connection type /connz shows, whether
 * INFO says {@code tls_required} / {@code tls_verify}, and how to get the client's certificate once TLS is up.
 *
 * @param type {@code nats} or {@code websocket} (nats-server's /connz {@code type})
 * @param tlsRequired INFO's {@code tls_required}
 * @param tlsVerify INFO's {@code tls_verify}: the client must present a certificate
 * @param tlsMap nats-server's {@code verify_and_map}: the certificate, not CONNECT's credentials, names the user
 * @param certificate the client's certificate after the TLS handshake, or {@code null}; called off the event loop
 */
public record ClientTransport(String type, boolean tlsRequired, boolean tlsVerify, boolean tlsMap,
        Supplier<X509Certificate> certificate) {

    /** A plain TCP client connection. */
    public static final ClientTransport PLAIN = new ClientTransport("nats", false, false, false, () -> null);
}
