package io.dialtone.transport.netty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * nats-server 2.9's TLS start: the session greets the client with its INFO in plain text, then the server expects
 * the TLS handshake. Sits before the kernel's session: lets the greeting pass, then puts the {@link io.netty.handler
 * .ssl.SslHandler} in front of itself before the first byte is read. With {@code handshake_first} (nats-server 2.10)
 * the SslHandler is in the pipeline from the start instead, and holds the INFO until the handshake is done.
 *
 * <p>A handshake that times out is handed on as an exception, so the session logs and records it as nats-server does
 * ({@code TLS handshake error}); other handshake failures reach it as exceptions already.
 */
final class TlsAfterInfo extends ChannelInboundHandlerAdapter {

    private final ServerTls tls;

    TlsAfterInfo(ServerTls tls) {
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive(); // the session writes the INFO now, in plain text
        if (!tls.settings.handshakeFirst() && ctx.channel().isActive()) {
            ctx.pipeline().addBefore(ctx.name(), HandlerNames.TLS, tls.newHandler(ctx.channel()));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent
                && ((SslHandshakeCompletionEvent) evt).cause() instanceof SslHandshakeTimeoutException) {
            ctx.fireExceptionCaught(((SslHandshakeCompletionEvent) evt).cause());
        }
        ctx.fireUserEventTriggered(evt);
    }
}
