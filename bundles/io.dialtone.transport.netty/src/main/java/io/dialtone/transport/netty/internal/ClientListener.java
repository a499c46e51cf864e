package io.dialtone.transport.netty.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.core.transport.ClientSessions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
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
 *
 * <p>With {@code tls.cert_file} set, every client must use TLS, as with nats-server's top-level {@code tls {}}
 * block: INFO (plain text) says {@code tls_required}, then the handshake must follow within {@code tls.timeout}.
 * A configuration change rebuilds the TLS context live ({@link #modified}); new connections use it, open ones keep
 * theirs. The listen address cannot change live.
 */
@Component(configurationPid = ClientListener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {},
        immediate = true)
@Designate(ocd = ClientListener.Config.class)
public final class ClientListener implements ListenerRuntime {

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.TRANSPORT_CLIENT;

    @ObjectClassDefinition(name = "Dialtone client listener", description = "Where clients connect.")
    public @interface Config {
        @AttributeDefinition(description = "Listen address; default: the -a flag, else 0.0.0.0.")
        String host() default "";

        @AttributeDefinition(description = "Client port; -1 = the -p flag, else 4222; 0 = any free port.")
        int port() default -1;

        @AttributeDefinition(description = "I/O threads for client connections; 0 = half the cores (at least one).")
        int io__threads() default 0;

        @AttributeDefinition(name = "tls.cert_file", description = "Server certificate (PEM); TLS is required when set.")
        String tls_cert__file() default "";

        @AttributeDefinition(name = "tls.key_file", description = "Server private key (PEM: PKCS#8, PKCS#1 or SEC1).")
        String tls_key__file() default "";

        @AttributeDefinition(name = "tls.ca_file", description = "CA certificates (PEM) client certificates are checked against.")
        String tls_ca__file() default "";

        @AttributeDefinition(name = "tls.verify", description = "Require and verify client certificates.")
        boolean tls_verify() default false;

        @AttributeDefinition(name = "tls.verify_and_map", description = "Verify client certificates and take the user from them.")
        boolean tls_verify__and__map() default false;

        @AttributeDefinition(name = "tls.timeout", description = "TLS handshake timeout in seconds.")
        double tls_timeout() default TlsSettings.DEFAULT_TIMEOUT_SECONDS;

        @AttributeDefinition(name = "tls.handshake_first", description = "TLS before INFO (nats-server 2.10's handshake_first).")
        boolean tls_handshake__first() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClientListener.class);

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ServiceRegistration<ListenerRuntime> registration;
    private final ServiceRegistration<Runnable> lameDuck;
    private final ConnectionCounter counter = new ConnectionCounter();
    /** The TLS new connections get, or null; replaced by {@link #modified}. */
    private volatile ServerTls tls;
    /** Whether Config Admin has given TLS settings; until then the launcher's are used. */
    private boolean tlsConfigured;
    private final BundleContext context;
    private final boolean adopted;
    private java.net.SocketAddress boundAddress;
    private final String transport;

    @Activate
    public ClientListener(BundleContext context, Config config, Map<String, Object> properties,
            @Reference ClientSessions sessions,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
            ServerSocketChannel bound) throws Exception {
        this.context = context;
        this.tls = ServerTls.of(tlsSettings(properties));
        String host = first(config.host(), context.getProperty(LaunchProperties.HOST), "0.0.0.0");
        int port = config.port() >= 0 ? config.port()
                : Integer.parseInt(first(context.getProperty(LaunchProperties.PORT), "4222"));
        int threads = EventLoops.threads(config.io__threads());
        boolean adopt = AdoptedSocket.available(bound) && matches(bound, host, port);
        int fd = adopt && Epoll.isAvailable() ? AdoptedSocket.descriptor(bound) : -1;
        boolean epoll = adopt ? fd >= 0 : Epoll.isAvailable();
        this.adopted = adopt;
        this.transport = epoll ? "epoll" : "nio";
        this.acceptors = EventLoops.group(1, epoll, "dialtone-accept");
        this.workers = EventLoops.group(threads, epoll, "dialtone-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(HandlerNames.CONNECTION_COUNTER, counter);
                        ServerTls t = tls;
                        if (t == null) {
                            sessions.attach(ch);
                            return;
                        }
                        if (t.settings.handshakeFirst()) {
                            ch.pipeline().addLast(HandlerNames.TLS, t.newHandler(ch));
                        }
                        ch.pipeline().addLast(HandlerNames.TLS_START, new TlsAfterInfo(t));
                        sessions.attach(ch, t.transport("nats", true, ch));
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
        if (tls != null) {
            LOG.info("TLS required for client connections");
        }
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

    /** A changed configuration: the TLS settings apply to new connections; a bad certificate keeps the old ones. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        TlsSettings next = tlsSettings(properties);
        ServerTls current = tls;
        if (current == null ? !next.enabled() : next.equals(current.settings)) {
            return;
        }
        try {
            tls = ServerTls.of(next);
            LOG.info(tls == null ? "TLS is off for new client connections"
                    : "TLS settings changed; new client connections use them");
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            LOG.error("TLS configuration not applied, the previous one stays: {}", e.getMessage());
        }
    }

    /**
     * The configuration's TLS settings; before Config Admin has said anything about TLS, the ones the launcher put
     * into framework properties (from the file's tls block or the --tls flags), so that no client connects in plain
     * text in the moment before the configuration arrives.
     */
    private TlsSettings tlsSettings(Map<String, Object> properties) {
        if (properties.containsKey("tls.cert_file") || tlsConfigured) {
            tlsConfigured = true;
            return TlsSettings.from(properties);
        }
        Map<String, Object> launch = new java.util.HashMap<>();
        for (String key : TlsSettings.KEYS) {
            String v = context.getProperty(LaunchProperties.TLS_PREFIX + key);
            if (v != null) {
                launch.put("tls." + key, v);
            }
        }
        return TlsSettings.from(launch);
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
        dto.connections = counter.open.get();
        dto.totalConnections = counter.total.get();
        return dto;
    }

    private void shutdown() {
        EventLoops.shutdown(acceptors, workers);
    }

    /**
     * Whether the launcher's socket is the one this listener would bind: the same port (or any), and the same address,
     * where a host name counts by what it resolves to ({@code localhost}), an IPv6 literal may come in brackets, and
     * {@code 0.0.0.0} and {@code ::} both mean the wildcard address.
     */
    static boolean matches(ServerSocketChannel bound, String host, int port) throws java.io.IOException {
        InetSocketAddress local = (InetSocketAddress) bound.getLocalAddress();
        if (port != 0 && port != local.getPort()) {
            return false;
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (local.getAddress().isAnyLocalAddress()) {
            return isAny(name);
        }
        try {
            for (java.net.InetAddress a : java.net.InetAddress.getAllByName(name)) {
                if (a.equals(local.getAddress())) {
                    return true;
                }
            }
        } catch (java.net.UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static boolean isAny(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String first(String... values) {
        return EventLoops.first(values);
    }
}
