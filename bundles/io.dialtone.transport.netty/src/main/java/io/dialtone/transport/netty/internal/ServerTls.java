package io.dialtone.transport.netty.internal;

import io.dialtone.core.transport.ClientTransport;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One listener's TLS: its settings and the server {@link SslContext} built from them (JDK provider; TLS 1.2 and
 * 1.3, as nats-server's minimum is 1.2). Immutable: a configuration change builds a new one, which new connections
 * use while open ones keep theirs.
 */
final class ServerTls {

    final TlsSettings settings;
    private final SslContext context;

    private ServerTls(TlsSettings settings, SslContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** The TLS of {@code settings}, or {@code null} when TLS is off; throws when a file cannot be used. */
    static ServerTls of(TlsSettings settings) throws IOException, GeneralSecurityException {
        if (!settings.enabled()) {
            return null;
        }
        if (settings.keyFile().isEmpty()) {
            throw new GeneralSecurityException("missing 'key_file' in TLS configuration");
        }
        SslContextBuilder b = SslContextBuilder
                .forServer(Pem.privateKey(Path.of(settings.keyFile())), Pem.certificates(Path.of(settings.certFile())))
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2");
        if (!settings.caFile().isEmpty()) {
            b.trustManager(Pem.certificates(Path.of(settings.caFile())));
        }
        b.clientAuth(settings.verify() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        return new ServerTls(settings, b.build());
    }

    /** A new handler for one connection, with the handshake timeout. */
    SslHandler newHandler(Channel channel) {
        SslHandler h = context.newHandler(channel.alloc());
        h.setHandshakeTimeoutMillis(settings.timeoutMillis());
        return h;
    }

    /** What the kernel is told about connections of this listener. */
    ClientTransport transport(String type, boolean tlsRequired, Channel channel) {
        return new ClientTransport(type, tlsRequired, settings.verify(), settings.map(), () -> peerCertificate(channel));
    }

    /** The client's certificate once the handshake is done, or {@code null}. */
    static X509Certificate peerCertificate(Channel channel) {
        SslHandler h = channel.pipeline().get(SslHandler.class);
        if (h == null) {
            return null;
        }
        try {
            Certificate[] chain = h.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate ? (X509Certificate) chain[0] : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }
}
