package io.dialtone.transport.netty.internal;

import io.dialtone.core.transport.ClientSessions;
import io.dialtone.core.transport.ClientTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * NATS over WebSocket, as nats-server carries it: the payload of every binary, text or continuation frame is the
 * next piece of the client's byte stream, and what the session writes goes out as binary frames. Once the upgrade
 * is done the kernel's session is attached and activated, so the INFO is the first frame the client gets.
 */
final class WebSocketFrames extends ChannelDuplexHandler {

    private final ClientSessions sessions;
    private final ClientTransport transport;

    WebSocketFrames(ClientSessions sessions, ClientTransport transport) {
        this.sessions = sessions;
        this.transport = transport;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            sessions.attach(ctx.channel(), transport);
            ctx.fireChannelActive(); // the session is added after this handler: it greets now
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // no session yet: it becomes active when the upgrade is done
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame) {
            ByteBuf content = ((io.netty.buffer.ByteBufHolder) msg).content();
            if (content.isReadable()) {
                ctx.fireChannelRead(content);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        // anything else before the upgrade (a plain HTTP request Netty passed on) has no business here
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
            ctx.write(new BinaryWebSocketFrame((ByteBuf) msg), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
