package io.dialtone.core.internal;

import io.dialtone.api.runtime.ServerDTO;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One client connection. So far it greets the client with INFO; the protocol (CONNECT, PUB, SUB ...) is the next
 * step and arrives with {@code io.dialtone.protocol}.
 */
final class ClientSession extends ChannelInboundHandlerAdapter {

    private final ServerDTO server;
    private final long clientId;

    ClientSession(ServerDTO server, long clientId) {
        this.server = server;
        this.clientId = clientId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SocketAddress local = ctx.channel().parent() != null ? ctx.channel().parent().localAddress()
                : ctx.channel().localAddress();
        InetSocketAddress listen = (InetSocketAddress) local;
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        byte[] info = InfoWriter.info(server, listen.getAddress().getHostAddress(), listen.getPort(), clientId,
                remote.getAddress().getHostAddress());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(info));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
