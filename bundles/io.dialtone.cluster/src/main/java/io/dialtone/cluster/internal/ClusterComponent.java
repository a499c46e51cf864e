package io.dialtone.cluster.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ClusterDTO;
import io.dialtone.api.runtime.ClusterRuntime;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.core.transport.ClusterSettings;
import io.dialtone.core.transport.GossipedRoute;
import io.dialtone.core.transport.RouteSessions;
import io.dialtone.core.transport.RouteTransport;
import io.dialtone.protocol.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster: a listener for routes from the other servers and a dialler for each configured route, as
 * nats-server's {@code cluster {}} block. Present only while its configuration exists. A changed route list applies
 * live (new routes dialled, removed ones closed, the others untouched), as do the authorization and the name (for
 * routes connected from then on). A new listen address (from the Web Console or a deploy/*.config; a file reload
 * refuses it as nats-server does) moves the listener; connected routes stay.
 */
@Designate(ocd = ClusterComponent.Config.class)
@Component(configurationPid = ClusterComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ListenerRuntime.class, ClusterRuntime.class},
        property = LaunchProperties.LISTENER_NAME + "=" + ClusterComponent.NAME)
public final class ClusterComponent implements ListenerRuntime, ClusterRuntime {

    static final String PID = ConfigurationPids.CLUSTER;
    static final String NAME = "route";

    @ObjectClassDefinition(name = "Dialtone cluster",
            description = "Routes to the other servers of the cluster (nats-server's cluster {} block).")
    @interface Config {
        @AttributeDefinition(description = "Cluster name; a route from another cluster is refused.")
        String name() default "";

        @AttributeDefinition(description = "Address the route listener binds.")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "Route port; -1 picks a free one.")
        int port() default 6222;

        @AttributeDefinition(description = "Routes to dial: nats-route://[user:password@]host:port")
        String[] routes() default {};

        @AttributeDefinition(name = "no_advertise", description = "Do not tell clients about the cluster's URLs.")
        boolean no__advertise() default false;

        @AttributeDefinition(name = "connect_retries", description = "Retries of an implicit route (a server the "
                + "cluster announced); configured routes are retried forever, as nats-server does.")
        int connect__retries() default 0;

        @AttributeDefinition(description = "host:port the route INFO advertises instead of the bound address.")
        String advertise() default "";

        @AttributeDefinition(description = "User a dialling server must send (cluster authorization).")
        String user() default "";

        @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
                description = "Its password.")
        String password() default "";

        @AttributeDefinition(name = "auth_timeout", description = "Seconds a dialling server has to send CONNECT.")
        double auth__timeout() default 2.0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);
    /** nats-server's DEFAULT_ROUTE_RECONNECT (and DEFAULT_ROUTE_CONNECT, between an implicit route's attempts). */
    static final long RECONNECT_MILLIS = 1000;
    /** nats-server's cluster tls_timeout default, seconds (Dialtone's routes have no TLS yet). */
    static final double TLS_TIMEOUT_SECONDS = 2;

    private final RouteSessions sessions;
    private final EventLoopGroup group;
    private final ServerBootstrap bootstrap;
    private volatile Channel serverChannel;
    /** The cluster name routes are told and checked against; a reload may change it (for new routes). */
    private volatile String clusterName;
    private volatile String advertiseHost;
    private volatile int advertisePort;
    private final Map<String, Dialler> diallers = new HashMap<>();
    /** Implicit routes being dialled, by URL. */
    private final Map<String, Dialler> implicit = new HashMap<>();
    /** The client listener, whose address gives this server's client URLs. */
    private final ListenerRuntime client;
    private volatile String boundHost;
    private volatile int boundPort;
    private final AtomicInteger accepted = new AtomicInteger();
    /** Accepted route connections still open. */
    private final AtomicInteger open = new AtomicInteger();
    private volatile Config config;

    @Activate
    public ClusterComponent(Config config, @Reference RouteSessions sessions,
            @Reference(name = "client", target = "(" + LaunchProperties.LISTENER_NAME + "="
                    + LaunchProperties.LISTENER_CLIENT + ")") ListenerRuntime client) throws InterruptedException {
        this.sessions = sessions;
        this.client = client;
        this.config = config;
        this.clusterName = config.name().isEmpty() ? null : config.name();
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("dialtone-route", true),
                NioIoHandler.newFactory());
        this.bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false) // accepting starts once the kernel knows the cluster
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        open.incrementAndGet();
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        sessions.attachRoute(ch, transport(false, null, false, null, null, null));
                    }
                });
        if (clusterName != null) {
            LOG.info("Cluster name is {}", clusterName);
        }
        try {
            bind(config);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw e;
        }
        sessions.cluster(settings(config));
        accept(); // once the kernel knows the cluster: routes are told its client URLs, clients its name
        routes(config);
    }

    /** What the kernel is told about the cluster (client INFO, route INFO, gossip). */
    private ClusterSettings settings(Config c) {
        ListenerDTO l = client.listener();
        List<String> clientUrls = c.no__advertise() ? List.of() : ClientUrls.of(l.host, l.port);
        String routeUrl = c.advertise().isEmpty() ? null
                : "nats-route://" + HostPort.join(advertiseHost, advertisePort) + "/";
        return new ClusterSettings(clusterName, clientUrls, c.no__advertise(), routeUrl, !c.user().isEmpty(),
                this::gossiped);
    }

    /**
     * A route announced a server this server has no route to: dialled as an implicit route unless it is in the
     * configured list or already being dialled (nats-server's processImplicitRoute).
     */
    private synchronized void gossiped(GossipedRoute r) {
        if (implicit.containsKey(r.url()) || diallers.values().stream().anyMatch(d -> d.dials(r.host(), r.port()))) {
            return;
        }
        Config c = config;
        Dialler d;
        try {
            d = Dialler.implicit(this, r.url(), c.connect__retries(), r.authRequired() && !c.user().isEmpty()
                    ? c.user() : null, c.password(), () -> implicitDone(r.url()));
        } catch (IllegalArgumentException e) {
            LOG.error("Error parsing URL from INFO: {}", e.getMessage());
            return;
        }
        implicit.put(r.url(), d);
        d.dial();
    }

    private synchronized void implicitDone(String url) {
        implicit.remove(url);
    }

    /** Binds the route listener where the configuration says (port -1: any free port). */
    private void bind(Config c) throws InterruptedException {
        Channel ch = bootstrap.bind(c.host(), Math.max(0, c.port())).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        this.boundHost = c.host();
        this.boundPort = bound.getPort();
        String[] advertised = advertise(c.advertise(), bound);
        this.advertiseHost = advertised[0];
        this.advertisePort = Integer.parseInt(advertised[1]);
        this.serverChannel = ch;
    }

    /** Starts accepting routes (the kernel has the cluster settings: a route's INFO carries them). */
    private void accept() {
        serverChannel.config().setAutoRead(true);
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("Listening for route connections on {}:{}", bound.getAddress().getHostAddress(), bound.getPort());
    }

    private static String[] advertise(String configured, InetSocketAddress bound) {
        if (configured != null && !configured.isEmpty()) {
            int colon = configured.lastIndexOf(':');
            if (colon > 0) {
                return new String[] {configured.substring(0, colon), configured.substring(colon + 1)};
            }
            return new String[] {configured, String.valueOf(bound.getPort())};
        }
        return new String[] {bound.getAddress().getHostAddress(), String.valueOf(bound.getPort())};
    }

    /** A reload: the route list and the authorization apply; the listener and the name stay as they are. */
    @Modified
    void modified(Config next) {
        Config before = config;
        if (!before.host().equals(next.host()) || before.port() != next.port()
                || !before.advertise().equals(next.advertise())) {
            // a file reload never gets here with a new address (the config bundle refuses it, as nats-server does);
            // the Web Console, a deploy/*.config or a configuration persisted from an earlier run can
            rebind(next);
        }
        if (!before.name().equals(next.name()) && !next.name().isEmpty()) {
            clusterName = next.name();
            LOG.info("Cluster name is {}", clusterName);
        }
        config = next;
        sessions.cluster(settings(next));
        routes(next);
    }

    /** Moves the route listener; routes already connected stay. A failed bind keeps the old listener. */
    private synchronized void rebind(Config next) {
        Channel old = serverChannel;
        old.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        try {
            bind(next);
            accept();
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Cannot listen for routes on {}:{}: {}", next.host(), next.port(), e.getMessage());
            try {
                bind(config);
                accept();
            } catch (RuntimeException | InterruptedException again) {
                LOG.error("Cannot listen for routes any more: {}", again.getMessage());
            }
        }
    }

    /** Dials what is new in the list, stops what left it; routes that stay are not touched. */
    private synchronized void routes(Config c) {
        Set<String> wanted = new LinkedHashSet<>(List.of(c.routes()));
        for (var it = diallers.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                LOG.info("Removing route {}", e.getValue().display());
                e.getValue().stop();
                it.remove();
            }
        }
        for (String url : wanted) {
            if (!diallers.containsKey(url)) {
                try {
                    Dialler d = new Dialler(this, url);
                    diallers.put(url, d);
                    d.dial();
                } catch (IllegalArgumentException e) {
                    LOG.error("Route URL \"{}\" not usable: {}", url, e.getMessage());
                }
            }
        }
    }

    RouteTransport transport(boolean solicited, String url, boolean configured, String user, String password,
            Dialler dialler) {
        Config c = config;
        String requiredUser = solicited || c.user().isEmpty() ? null : c.user();
        return new RouteTransport(solicited, url, configured, clusterName, user, password, requiredUser,
                requiredUser == null ? null : c.password(), Math.round(c.auth__timeout() * 1000), advertiseHost,
                advertisePort, id -> {
                    if (dialler != null) {
                        dialler.registered(id);
                    }
                }, id -> {
                    if (dialler != null) {
                        dialler.duplicate(id, id.equals(sessions.serverId()));
                    }
                });
    }

    RouteSessions sessions() {
        return sessions;
    }

    EventLoopGroup group() {
        return group;
    }

    @Override
    public ListenerDTO listener() {
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        ListenerDTO d = new ListenerDTO();
        d.name = NAME;
        d.host = bound.getAddress().getHostAddress();
        d.port = bound.getPort();
        d.transport = "nio";
        d.totalConnections = accepted.get();
        d.connections = open.get();
        return d;
    }

    @Override
    public ClusterDTO cluster() {
        Config c = config;
        ClusterDTO d = new ClusterDTO();
        d.name = clusterName;
        d.host = boundHost;
        d.port = boundPort;
        d.authTimeoutSeconds = c.auth__timeout();
        d.tlsTimeoutSeconds = TLS_TIMEOUT_SECONDS;
        d.routeUrls = java.util.Arrays.stream(c.routes()).map(ClusterComponent::hostPort)
                .filter(java.util.Objects::nonNull).toArray(String[]::new);
        d.connectUrls = sessions.connectUrls().toArray(String[]::new);
        return d;
    }

    /** A route URL's {@code host:port} (nats-server's url.Host), or null when it has none. */
    private static String hostPort(String url) {
        try {
            java.net.URI u = java.net.URI.create(url.trim());
            return u.getHost() == null || u.getPort() < 0 ? null : u.getHost() + ":" + u.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Deactivate
    void deactivate() {
        sessions.cluster(null);
        synchronized (this) {
            diallers.values().forEach(Dialler::stop);
            diallers.clear();
            List.copyOf(implicit.values()).forEach(Dialler::stop);
            implicit.clear();
        }
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
