package io.dialtone.core.internal;

import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.core.transport.ClientTransport;
import io.dialtone.core.transport.RouteTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * A broker kernel outside the framework with two real listeners on ephemeral ports: one for clients, one for routes
 * (an accepting route end, without cluster authorization). What the transport and cluster bundles do, minus TLS.
 */
final class Kernel implements AutoCloseable {

    final ServerDTO settings;
    final Broker broker;
    final int clientPort;
    final int routePort;
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel clientListener;
    private final Channel routeListener;

    Kernel(long maxPending) throws InterruptedException {
        this(settings(maxPending, s -> { }));
    }

    Kernel(ServerDTO settings) throws InterruptedException {
        this.settings = settings;
        broker = new Broker(() -> settings);
        clientListener = listen(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                broker.attach(ch, ClientTransport.PLAIN);
            }
        });
        clientPort = ((InetSocketAddress) clientListener.localAddress()).getPort();
        routeListener = listen(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                broker.attachRoute(ch, new RouteTransport(false, null, false, null, null, null, null, null, 0,
                        "127.0.0.1", routePort(), id -> { }, id -> { }));
            }
        });
        routePort = ((InetSocketAddress) routeListener.localAddress()).getPort();
    }

    private int routePort() {
        return routePort;
    }

    private Channel listen(ChannelInitializer<SocketChannel> init) throws InterruptedException {
        return new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true).childHandler(init)
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Test settings with {@code maxPending}, then changed by {@code tweak}. */
    static ServerDTO settings(long maxPending, java.util.function.Consumer<ServerDTO> tweak) {
        ServerDTO s = new ServerDTO();
        s.serverId = "NKERNELTEST" + "A".repeat(45);
        s.serverName = "kernel-test";
        s.version = "2.9.10";
        s.dialtoneVersion = "0.0.0";
        s.proto = 1;
        s.maxPayload = 1024 * 1024;
        s.maxControlLine = 4096;
        s.maxPending = maxPending;
        s.maxConnections = 1000;
        s.pingIntervalMillis = 120_000;
        s.pingMax = 2;
        s.writeDeadlineMillis = 10_000;
        s.lameDuckDurationMillis = 1000;
        s.lameDuckGraceMillis = 0;
        s.startMillis = System.currentTimeMillis();
        tweak.accept(s);
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        clientListener.close().sync();
        routeListener.close().sync();
        broker.deactivate();
        loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
}
