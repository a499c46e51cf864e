package io.dialtone.transport.netty.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.core.transport.ClientSessions;
import io.dialtone.core.transport.ClientTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
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
 * The WebSocket client listener, nats-server's {@code websocket {}} block: NATS protocol over WebSocket frames
 * (binary or text in, binary out), {@code ws://} or, with {@code tls.cert_file}, {@code wss://}. Exists only while its
 * configuration does (one listener per configuration of this PID). The INFO is the first frame after the upgrade.
 *
 * <p>Frames are bounded: none may carry more than max_payload plus max_control_line (and a little framing), checked
 * by Netty's decoder before the payload is buffered; permessage-deflate is bounded the same way.
 */
@Component(configurationPid = WebSocketListener.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        immediate = true)
@Designate(ocd = WebSocketListener.Config.class)
public final class WebSocketListener implements ListenerRuntime {

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.TRANSPORT_WEBSOCKET;
    /** The listener's name in its {@link ListenerRuntime} service properties. */
    public static final String NAME = "websocket";

    @ObjectClassDefinition(name = "Dialtone WebSocket listener", description = "Where WebSocket clients connect (nats-server's websocket block).")
    public @interface Config {
        @AttributeDefinition(description = "Listen address; default: the -a flag, else 0.0.0.0.")
        String host() default "";

        @AttributeDefinition(description = "WebSocket port; 0 = any free port.")
        int port() default 0;

        @AttributeDefinition(name = "no_tls", description = "Allow plain ws:// (nats-server refuses a websocket block without TLS otherwise).")
        boolean no__tls() default false;

        @AttributeDefinition(name = "same_origin", description = "Only upgrade requests whose Origin is the Host they were sent to.")
        boolean same__origin() default false;

        @AttributeDefinition(name = "allowed_origins", description = "Origins (scheme://host[:port]) allowed to upgrade; empty = any.")
        String[] allowed__origins() default {};

        @AttributeDefinition(description = "permessage-deflate compression.")
        boolean compression() default false;

        @AttributeDefinition(name = "handshake_timeout", description = "Time for the HTTP upgrade, in milliseconds; 0 = the TLS timeout, else 2 s.")
        long handshake__timeout() default 0;

        @AttributeDefinition(description = "I/O threads; 0 = half the cores (at least one).")
        int io__threads() default 0;

        @AttributeDefinition(name = "tls.cert_file", description = "Server certificate (PEM): wss://.")
        String tls_cert__file() default "";

        @AttributeDefinition(name = "tls.key_file", description = "Server private key (PEM).")
        String tls_key__file() default "";

        @AttributeDefinition(name = "tls.ca_file", description = "CA certificates (PEM) client certificates are checked against.")
        String tls_ca__file() default "";

        @AttributeDefinition(name = "tls.verify", description = "Require and verify client certificates.")
        boolean tls_verify() default false;

        @AttributeDefinition(name = "tls.verify_and_map", description = "Verify client certificates and take the user from them.")
        boolean tls_verify__and__map() default false;

        @AttributeDefinition(name = "tls.timeout", description = "TLS handshake timeout in seconds.")
        double tls_timeout() default TlsSettings.DEFAULT_TIMEOUT_SECONDS;
    }

    private static final ClientTransport PLAIN = new ClientTransport(NAME, false, false, false, () -> null);
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketListener.class);
    /** Room for the control line's framing around a payload in one frame. */
    private static final int FRAME_SLACK = 1024;

    private final ClientSessions sessions;
    private final ServerRuntime server;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ConnectionCounter counter = new ConnectionCounter();
    private final String transport;
    private final ServiceRegistration<ListenerRuntime> registration;
    private volatile Settings settings;

    /** What a new connection is set up with; replaced as a whole by {@link #modified}. */
    private record Settings(ServerTls tls, boolean sameOrigin, List<URI> allowedOrigins, boolean compression,
            long handshakeTimeoutMillis) {
    }

    @Activate
    public WebSocketListener(BundleContext context, Config config, Map<String, Object> properties,
            @Reference ClientSessions sessions, @Reference ServerRuntime server) throws Exception {
        this.sessions = sessions;
        this.server = server;
        this.settings = settings(config, properties);
        String host = EventLoops.first(config.host(), context.getProperty(LaunchProperties.HOST), "0.0.0.0");
        boolean epoll = Epoll.isAvailable();
        this.transport = epoll ? "epoll" : "nio";
        this.acceptors = EventLoops.group(1, epoll, "dialtone-ws-accept");
        this.workers = EventLoops.group(EventLoops.threads(config.io__threads()), epoll, "dialtone-ws-io");
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            pipeline(ch);
                        }
                    })
                    .bind(host, config.port()).sync().channel();
        } catch (Exception e) {
            EventLoops.shutdown(acceptors, workers);
            throw e;
        }
        ListenerDTO dto = listener();
        LOG.info("Listening for websocket clients on {}://{}:{}", settings.tls == null ? "ws" : "wss", dto.host,
                dto.port);
        if (settings.tls == null) {
            LOG.warn("Websocket not configured with TLS. DO NOT USE IN PRODUCTION!");
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(LaunchProperties.LISTENER_NAME, NAME);
        props.put(LaunchProperties.LISTENER_HOST, dto.host);
        props.put(LaunchProperties.LISTENER_PORT, dto.port);
        this.registration = context.registerService(ListenerRuntime.class, this, props);
    }

    private static Settings settings(Config config, Map<String, Object> properties) throws Exception {
        ServerTls tls = ServerTls.of(TlsSettings.from(properties));
        if (tls == null && !config.no__tls()) {
            throw new IllegalArgumentException("websocket requires TLS configuration");
        }
        List<URI> origins = new ArrayList<>();
        for (String o : config.allowed__origins()) {
            origins.add(new URI(o.trim()));
        }
        long handshake = config.handshake__timeout() > 0 ? config.handshake__timeout()
                : tls != null ? tls.settings.timeoutMillis() : 2000;
        return new Settings(tls, config.same__origin(), List.copyOf(origins), config.compression(), handshake);
    }

    /** Origin, compression and TLS apply to new connections; the listen address cannot change live. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        try {
            settings = settings(config, properties);
            LOG.info("Websocket settings changed; new connections use them");
        } catch (Exception e) {
            LOG.error("Websocket configuration not applied, the previous one stays: {}", e.getMessage());
        }
    }

    private void pipeline(Channel ch) {
        Settings s = settings;
        ServerDTO limits = server.server();
        int maxFrame = (int) Math.min(Integer.MAX_VALUE - FRAME_SLACK,
                (long) limits.maxPayload + limits.maxControlLine) + FRAME_SLACK;
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.CONNECTION_COUNTER, counter);
        ClientTransport kind = PLAIN;
        if (s.tls != null) {
            p.addLast(HandlerNames.TLS, s.tls.newHandler(ch));
            kind = s.tls.transport(NAME, false, ch); // the TLS is the WebSocket's own: nothing to ask of the client
        }
        p.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
        p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(8192));
        if (s.sameOrigin || !s.allowedOrigins.isEmpty()) {
            p.addLast(HandlerNames.WS_ORIGIN, new WebSocketOrigin(s.sameOrigin, s.allowedOrigins, s.tls != null));
        }
        if (s.compression) {
            p.addLast(HandlerNames.WS_COMPRESSION, new WebSocketServerCompressionHandler(maxFrame));
        }
        p.addLast(HandlerNames.WS_PROTOCOL, new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .allowExtensions(s.compression)
                .maxFramePayloadLength(maxFrame)
                .handshakeTimeoutMillis(s.handshakeTimeoutMillis)
                .withUTF8Validator(false)
                .dropPongFrames(true)
                .build()));
        p.addLast(HandlerNames.WS_FRAMES, new WebSocketFrames(sessions, kind));
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        serverChannel.close().syncUninterruptibly();
        EventLoops.shutdown(acceptors, workers);
    }

    @Override
    public ListenerDTO listener() {
        InetSocketAddress local = (InetSocketAddress) serverChannel.localAddress();
        ListenerDTO dto = new ListenerDTO();
        dto.name = NAME;
        dto.host = local.getAddress().getHostAddress();
        dto.port = local.getPort();
        dto.transport = transport;
        dto.connections = counter.open.get();
        dto.totalConnections = counter.total.get();
        return dto;
    }
}
