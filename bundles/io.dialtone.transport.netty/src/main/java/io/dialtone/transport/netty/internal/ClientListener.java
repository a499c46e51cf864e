package io.dialtone.transport.netty.internal;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.core.transport.ClientSessions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listener. When the launcher bound the client socket before the framework started, this adopts it, so
 * connections made during start-up wait in the kernel's backlog instead of being refused; otherwise it binds the
 * configured address itself. It registers its {@link ListenerRuntime} itself, with the bound port as a property,
 * once it accepts connections.
 */
@Component(configurationPid = ClientListener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {},
        immediate = true)
@Designate(ocd = ClientListener.Config.class)
public final class ClientListener implements ListenerRuntime {

    /** The configuration PID; stable once released. */
    public static final String PID = "io.dialtone.transport.client";

    @ObjectClassDefinition(name = "Dialtone client listener", description = "Where clients connect.")
    public @interface Config {
        @AttributeDefinition(description = "Listen address; default: the -a flag, else 0.0.0.0.")
        String host() default "";

        @AttributeDefinition(description = "Client port; -1 = the -p flag, else 4222; 0 = any free port.")
        int port() default -1;

        @AttributeDefinition(description = "I/O threads for client connections; 0 = one per core.")
        int io__threads() default 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClientListener.class);

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ServiceRegistration<ListenerRuntime> registration;
    private final ServiceRegistration<Runnable> lameDuck;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final boolean adopted;
    private java.net.SocketAddress boundAddress;
    private final String transport;

    @Activate
    public ClientListener(BundleContext context, Config config, @Reference ClientSessions sessions,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
            ServerSocketChannel bound) throws Exception {
        String host = first(config.host(), context.getProperty(LaunchProperties.HOST), "0.0.0.0");
        int port = config.port() >= 0 ? config.port()
                : Integer.parseInt(first(context.getProperty(LaunchProperties.PORT), "4222"));
        int threads = config.io__threads() > 0 ? config.io__threads() : Runtime.getRuntime().availableProcessors();
        boolean adopt = AdoptedSocket.available(bound) && matches(bound, host, port);
        int fd = adopt && Epoll.isAvailable() ? AdoptedSocket.descriptor(bound) : -1;
        boolean epoll = adopt ? fd >= 0 : Epoll.isAvailable();
        this.adopted = adopt;
        this.transport = epoll ? "epoll" : "nio";
        this.acceptors = group(1, epoll, "dialtone-accept");
        this.workers = group(threads, epoll, "dialtone-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(HandlerNames.CONNECTION_COUNTER, counter);
                        sessions.attach(ch);
                    }
                });
        try {
            if (adopt) {
                ServerChannel adopted = AdoptedSocket.adopt(bound, fd);
                bootstrap.channelFactory(() -> adopted);
                this.serverChannel = bootstrap.register().sync().channel();
            } else {
                Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
                bootstrap.channel(type).option(ChannelOption.SO_REUSEADDR, true).option(ChannelOption.SO_BACKLOG, 1024);
                this.serverChannel = bootstrap.bind(host, port).sync().channel();
            }
        } catch (Exception e) {
            shutdown();
            throw e;
        }
        this.boundAddress = serverChannel.localAddress();
        ListenerDTO dto = listener();
        LOG.info("Listening for client connections on {}:{}", dto.host, dto.port);
        LOG.debug("Client listener: {} transport, {} I/O threads, socket {}", transport, threads,
                adopted ? "adopted from the launcher" : "bound here");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(LaunchProperties.LISTENER_NAME, LaunchProperties.LISTENER_CLIENT);
        props.put(LaunchProperties.LISTENER_HOST, dto.host);
        props.put(LaunchProperties.LISTENER_PORT, dto.port);
        this.registration = context.registerService(ListenerRuntime.class, this, props);
        Dictionary<String, Object> ldm = new Hashtable<>();
        ldm.put(LaunchProperties.COMMAND, LaunchProperties.COMMAND_LAME_DUCK);
        ldm.put(org.osgi.framework.Constants.SERVICE_RANKING, 100); // stop accepting before the clients are let go
        this.lameDuck = context.registerService(Runnable.class, this::stopAccepting, ldm);
    }

    /** Lame-duck mode: new connections are refused from now on; existing ones are the kernel's business. */
    private void stopAccepting() {
        LOG.info("Closing the client listener on {}:{}", listener().host, listener().port);
        serverChannel.close().syncUninterruptibly();
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : java.util.List.of(registration, lameDuck)) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
        serverChannel.close().syncUninterruptibly();
        shutdown();
    }

    @Override
    public ListenerDTO listener() {
        InetSocketAddress local = (InetSocketAddress) boundAddress;
        ListenerDTO dto = new ListenerDTO();
        dto.name = LaunchProperties.LISTENER_CLIENT;
        dto.host = local.getAddress().getHostAddress();
        dto.port = local.getPort();
        dto.transport = transport;
        dto.adopted = adopted;
        dto.connections = open.get();
        dto.totalConnections = total.get();
        return dto;
    }

    private final ChannelHandler counter = new ConnectionCounter();

    @ChannelHandler.Sharable
    private final class ConnectionCounter extends ChannelInboundHandlerAdapter {
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

    private void shutdown() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private static EventLoopGroup group(int threads, boolean epoll, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private static boolean matches(ServerSocketChannel bound, String host, int port) throws java.io.IOException {
        InetSocketAddress local = (InetSocketAddress) bound.getLocalAddress();
        return (port == 0 || port == local.getPort())
                && (local.getAddress().isAnyLocalAddress() && isAny(host)
                        || local.getAddress().getHostAddress().equals(host) || local.getHostString().equals(host));
    }

    private static boolean isAny(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
