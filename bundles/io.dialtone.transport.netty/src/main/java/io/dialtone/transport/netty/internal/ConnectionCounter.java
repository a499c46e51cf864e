package io.dialtone.transport.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts a listener's open and total connections; one shared instance per listener. */
@ChannelHandler.Sharable
final class ConnectionCounter extends ChannelInboundHandlerAdapter {

    final AtomicInteger open = new AtomicInteger();
    final AtomicLong total = new AtomicLong();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        open.incrementAndGet();
        total.incrementAndGet();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
