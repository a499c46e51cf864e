package io.dialtone.core.internal;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.ConnectAttempt;
import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.SubscriptionDTO;
import io.dialtone.core.transport.ClientTransport;
import io.dialtone.protocol.ClientOps;
import io.dialtone.protocol.ClientParser;
import io.dialtone.protocol.ProtocolError;
import io.dialtone.protocol.ServerOps;
import io.dialtone.router.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, owned by its channel's event loop: it parses the client's operations, routes its messages
 * to the matching subscriptions (appending to their {@link Outbound}s), and after each read batch gets every touched
 * subscriber flushed once. Other threads only append to its outbound and read its volatile state.
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements ClientOps, Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** nats-server's first PING to a client comes after 2 s (plus up to 20 %), or the ping interval if shorter. */
    private static final long FIRST_PING_MILLIS = 2000;

    final long id;
    /** Set when the peer is another server of the cluster: the route protocol instead of the client one. */
    private final RouteLink link;
    private final Broker broker;
    private final ServerDTO server;
    private final Channel channel;
    private final ClientTransport transport;
    private final Outbound outbound;
    private final ClientParser parser = new ClientParser();
    private final Map<String, Subscription> subs = new ConcurrentHashMap<>();
    /** The publish path's delivery half: routing, the sinks touched this batch, the batch counters. */
    final Deliveries deliveries;
    private final AtomicBoolean closing = new AtomicBoolean();
    private SubjectCache routes;

    private final long startMillis = System.currentTimeMillis();
    private volatile long lastActivityMillis = startMillis;
    private volatile String closeReason;
    private ConnectOptions options = new ConnectOptions();
    /** nats-server's default auth timeout. */
    private static final long AUTH_TIMEOUT_MILLIS = 2000;
    private boolean authRequired;
    /** What INFO says: auth_required unless an authenticator admits clients without credentials. */
    private boolean authAdvertised;
    private String nonce;
    /** Reading is suspended while a CONNECT is authenticated or a message is with the interceptors. */
    private boolean suspended;
    /** The last connect/disconnect announcement, so the next one runs after it. */
    private java.util.concurrent.CompletableFuture<Void> announced = java.util.concurrent.CompletableFuture.completedFuture(null);
    private ByteBuf heldInput;
    private ScheduledFuture<?> authTimer;
    private volatile String user;
    private boolean connected;
    /** The first PING after CONNECT was answered (nats-server's firstPongSent); event loop only. */
    private boolean pinged;
    /**
     * Takes async INFO when the cluster's client URLs change (protocol 1, past its first PING); set under the broker's
     * cluster lock.
     */
    private volatile boolean asyncInfo;
    /** The generation of the cluster's client URLs the greeting told. */
    private long greetedGeneration;
    private long lastActivityNanos = System.nanoTime();
    private long lastPingInNanos;
    private int pingsOut;
    private long rttStartNanos;
    private volatile long rttNanos;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> writeDeadlineTimer;

    ClientSession(Broker broker, ServerDTO server, long id, Channel channel, ClientTransport transport) {
        this(broker, server, id, channel, transport, null);
    }

    /** A session for a route connection when {@code route} is given. */
    ClientSession(Broker broker, ServerDTO server, long id, Channel channel, ClientTransport transport,
            io.dialtone.core.transport.RouteTransport route) {
        this.broker = broker;
        this.transport = transport;
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.outbound = new Outbound(channel, server.maxPending, this, route != null);
        this.deliveries = new Deliveries(broker, this, broker.global, server.maxPending);
        this.routes = new SubjectCache(broker.global.index);
        parser.setMaxControlLine(server.maxControlLine);
        parser.setMaxPayload(server.maxPayload);
        this.link = route == null ? null : new RouteLink(broker, this, server, route);
    }

    Channel channel() {
        return channel;
    }

    Outbound outbound() {
        return outbound;
    }

    // ---------------------------------------------------------------- connection lifecycle

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (link != null) {
            link.active();
            startPingTimer();
            ctx.fireChannelActive();
            return;
        }
        broker.totalConnections.increment();
        // As nats-server: the INFO goes out first, then the connection limit and lame-duck mode are checked.
        var chain = broker.authenticators;
        authRequired = Authentication.required(chain);
        authAdvertised = Authentication.advertised(chain);
        nonce = authRequired && Authentication.wantsNonce(chain) ? Authentication.nonce() : null;
        ConnectUrls.View view = broker.clusterView;
        greetedGeneration = view.generation();
        outbound.append(info(false, nonce, view));
        if (authRequired) {
            parser.setAwaitingAuth(true);
            authTimer = channel.eventLoop().schedule(this::authTimeout, AUTH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (broker.lameDuckMode()) {
            reason("Server Shutdown");
            closeAfterFlush("lame duck mode");
            return;
        }
        if (broker.clients.size() >= server.maxConnections) {
            outbound.appendErr("maximum connections exceeded");
            reason("Maximum Connections Exceeded");
            closeAfterFlush("maximum connections exceeded");
            return;
        }
        broker.clients.put(id, this);
        outbound.flush();
        startPingTimer();
        ctx.fireChannelActive();
    }

    private void startPingTimer() {
        long first = Math.min(FIRST_PING_MILLIS, server.pingIntervalMillis);
        first += ThreadLocalRandom.current().nextLong(Math.max(1, first / 5));
        pingTimer = channel.eventLoop().schedule(this::pingTimer, first, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (suspended) {
            hold(in);
            return;
        }
        try {
            lastActivityNanos = System.nanoTime();
            if (deliveries.begin()) {
                lastActivityMillis = System.currentTimeMillis();
            }
            if (link != null) {
                link.parser.parse(in, link);
                return;
            }
            parser.parse(in, this);
            if (parser.paused() && in.isReadable()) {
                hold(in.retain());
            }
        } finally {
            in.release();
        }
    }

    /** Keeps input that arrives while a CONNECT is being authenticated; it is parsed once the decision is in. */
    private void hold(ByteBuf in) {
        if (heldInput == null) {
            heldInput = channel.alloc().compositeBuffer();
        }
        ((io.netty.buffer.CompositeByteBuf) heldInput).addComponent(true, in);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushTouched();
        Sink stalledOn = deliveries.takeStalledOn();
        if (stalledOn != null) {
            stall(stalledOn);
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Fast-producer stall, as nats-server does it: a subscriber of this client's messages has more than half of its
     * max_pending queued, so this client's input is paused (its event loop stays free for everyone else) until that
     * subscriber drains, or a bounded time passes (100 ms to 1 s), whichever comes first. A subscriber that never
     * drains is closed as a slow consumer at max_pending, which releases the producer too.
     */
    private void stall(Sink consumer) {
        broker.stalls.increment();
        long ttl = consumer.stallMillis();
        channel.config().setAutoRead(false);
        AtomicBoolean resumed = new AtomicBoolean();
        Runnable resume = () -> {
            if (resumed.compareAndSet(false, true)) {
                channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
            }
        };
        channel.eventLoop().schedule(resume, ttl, TimeUnit.MILLISECONDS);
        consumer.onDrained(resume);
    }

    /**
     * After a read batch: each sink this client published to gets one flush (see Deliveries#endBatch), then this
     * client's own. Only clients are stalled (as nats-server): pausing a route would hold up every subscriber behind it.
     */
    private void flushTouched() {
        deliveries.endBatch(outbound, link == null);
        outbound.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!channel.isWritable() && writeDeadlineTimer == null) {
            writeDeadlineTimer = channel.eventLoop().schedule(this::checkWriteDeadline, server.writeDeadlineMillis,
                    TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** A client whose socket took no bytes for write_deadline while it had bytes to take is a slow consumer. */
    private void checkWriteDeadline() {
        writeDeadlineTimer = null;
        if (channel.isWritable() || !channel.isActive()) {
            return;
        }
        long stalled = System.nanoTime() - outbound.lastProgressNanos();
        if (stalled >= TimeUnit.MILLISECONDS.toNanos(server.writeDeadlineMillis)) {
            reason("Slow Consumer (Write Deadline)");
            slowConsumer("WriteDeadline of " + server.writeDeadlineMillis + "ms exceeded with "
                    + outbound.queued() + " bytes pending", null);
        } else {
            writeDeadlineTimer = channel.eventLoop().schedule(this::checkWriteDeadline,
                    server.writeDeadlineMillis - TimeUnit.NANOSECONDS.toMillis(stalled), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanUp();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        javax.net.ssl.SSLException tls = sslCause(cause);
        if (tls != null) {
            // as nats-server: the handshake failed (a plain-text client, a missing or untrusted certificate)
            reason(connected ? "Read Error" : "TLS Handshake Error");
            String why = String.valueOf(tls.getMessage());
            LOG.error("{} - TLS handshake error: {}", this,
                    why.startsWith("not an SSL/TLS record") ? "first record does not look like a TLS handshake" : why);
        } else if (cause instanceof IOException) {
            reason("Read Error");
            LOG.debug("{} - connection error: {}", this, cause.getMessage());
        } else {
            LOG.error("{} - unexpected error, closing the connection", this, cause);
        }
        close();
    }

    private static javax.net.ssl.SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return (javax.net.ssl.SSLException) c;
            }
        }
        return null;
    }

    private void cleanUp() {
        closing.set(true);
        outbound.close();
        parser.close();
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (writeDeadlineTimer != null) {
            writeDeadlineTimer.cancel(false);
        }
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        if (heldInput != null) {
            heldInput.release();
            heldInput = null;
        }
        if (link != null) {
            link.closed(closeReason == null ? "Client Closed" : closeReason);
            return;
        }
        ConnectionDTO last = broker.clients.containsKey(id) ? snapshot(true) : null; // with its subscriptions
        for (Subscription s : subs.values()) {
            if (subs.remove(s.sid, s)) { // a publisher's auto-unsubscribe may have taken it (and uncounted it) already
                s.closed = true;
                account().index.remove(s.subject, s.queue, s);
                broker.localInterest(account(), s.subject, s.queue, -1);
            }
        }
        if (broker.clients.remove(id) != null && last != null) {
            broker.closed(last);
            if (connected) {
                announce(false, last);
            }
        }
    }

    /**
     * Tells the connection listeners, off the event loop and in order for this client (each announcement waits for
     * the one before); costs nothing when no listener is registered.
     */
    private void announce(boolean connect, ConnectionDTO snapshot) {
        if (broker.connectionListeners.isEmpty()) {
            return;
        }
        ConnectionDTO c = snapshot != null ? snapshot : snapshot(false);
        try {
            announced = announced.thenRunAsync(() -> broker.tellListeners(c, connect), broker.interceptExecutor);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the broker is going away
        }
    }

    /** Records why the connection is being closed (the first reason wins), as nats-server's ClosedState. */
    private void reason(String why) {
        if (closeReason == null) {
            closeReason = why;
        }
    }

    /** A snapshot for /connz; read from other threads, so counters may be a moment behind. */
    ConnectionDTO snapshot(boolean closed) {
        ConnectionDTO c = new ConnectionDTO();
        c.cid = id;
        c.kind = "Client";
        c.type = transport.type();
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress) {
            c.ip = ((InetSocketAddress) remote).getAddress().getHostAddress();
            c.port = ((InetSocketAddress) remote).getPort();
        }
        c.startMillis = startMillis;
        c.lastActivityMillis = lastActivityMillis;
        c.stopMillis = closed ? System.currentTimeMillis() : 0;
        c.reason = closed ? (closeReason == null ? "Client Closed" : closeReason) : null;
        c.rttNanos = rttNanos;
        c.pendingBytes = Math.max(0, outbound.queued());
        c.inMsgs = deliveries.inMsgs;
        c.inBytes = deliveries.inBytes;
        c.outMsgs = outbound.msgs();
        c.outBytes = outbound.msgBytes();
        ConnectOptions o = options;
        c.name = o.name;
        c.lang = o.lang;
        c.version = o.version;
        c.account = account().name;
        List<String> list = new ArrayList<>();
        for (Subscription sub : subs.values()) {
            list.add(sub.queue == null ? sub.subject : sub.subject + " " + sub.queue);
        }
        c.subscriptions = list.size();
        c.subscriptionsList = list.toArray(String[]::new);
        return c;
    }

    /** This connection's subscriptions, for /subsz. */
    void subscriptions(List<SubscriptionDTO> into) {
        for (Subscription sub : subs.values()) {
            SubscriptionDTO d = new SubscriptionDTO();
            d.account = account().name;
            d.subject = sub.subject;
            d.queue = sub.queue;
            d.sid = sub.sid;
            d.cid = id;
            d.msgs = outbound.delivered(sub);
            d.max = sub.max;
            into.add(d);
        }
    }

    /** Closes the connection from any thread. */
    void close() {
        closing.set(true);
        channel.close();
    }

    private void closeAfterFlush(String reason) {
        if (closing.compareAndSet(false, true)) {
            LOG.debug("{} - closing: {}", this, reason);
            parser.close();
            ByteBuf none = Unpooled.EMPTY_BUFFER;
            outbound.flush();
            channel.writeAndFlush(none).addListener(f -> channel.close());
        }
    }

    /**
     * Tells a client that supports async INFO that the server is going away ({@code "ldm":true}), with the other
     * servers' URLs only.
     */
    void lameDuck() {
        if (options.protocol >= 1) {
            outbound.append(info(true, null, broker.clusterView));
            outbound.scheduleFlush();
        }
    }

    /** The cluster's client URLs changed (under the broker's cluster lock): a client that takes async INFO is told. */
    void clusterChanged() {
        if (asyncInfo && !closing.get()) {
            outbound.append(info(false, null, broker.clusterView));
            outbound.scheduleFlush();
        }
    }

    /**
     * From its first PING on, a protocol 1 client takes async INFO; told now if the cluster's URLs changed since its
     * greeting (nats-server sends that INFO after the PONG). Under the broker's cluster lock, on the event loop.
     */
    void takeAsyncInfo(ConnectUrls.View view) {
        asyncInfo = true;
        if (view.generation() != greetedGeneration) {
            outbound.append(info(false, null, view));
        }
    }

    /**
     * This client's INFO line; host and port are the listener's, as nats-server reports them. The cluster's client
     * URLs are for NATS clients (nats-server tells WebSocket clients the cluster's WebSocket URLs, which Dialtone's
     * routes do not carry); in lame duck mode only the other servers' URLs.
     */
    private ByteBuf info(boolean lameDuck, String nonce, ConnectUrls.View cluster) {
        SocketAddress local = channel.parent() != null ? channel.parent().localAddress() : channel.localAddress();
        InetSocketAddress listen = (InetSocketAddress) local;
        String[] urls = "websocket".equals(transport.type()) ? null
                : lameDuck ? cluster.others() : cluster.connectUrls();
        return Unpooled.wrappedBuffer(new InfoWriter(server)
                .listener(listen.getAddress().getHostAddress(), listen.getPort())
                .client(id, remoteIp())
                .security(authAdvertised, transport.tlsRequired(), transport.tlsVerify(), nonce)
                .cluster(cluster.cluster(), urls)
                .lameDuck(lameDuck)
                .features(broker.features.info())
                .line());
    }

    // ---------------------------------------------------------------- PING / PONG

    private void pingTimer() {
        pingTimer = null;
        if (closing.get()) {
            return;
        }
        long now = System.nanoTime();
        long interval = TimeUnit.MILLISECONDS.toNanos(server.pingIntervalMillis);
        boolean needRtt = rttNanos == 0;
        if (needRtt || now - lastActivityNanos >= interval && now - lastPingInNanos >= interval) {
            if (pingsOut + 1 > server.pingMax) {
                LOG.debug("{} - Stale Client Connection - Closing", this);
                outbound.appendErr("Stale Connection");
                reason("Stale Connection");
                closeAfterFlush("stale connection");
                return;
            }
            pingsOut++;
            rttStartNanos = now;
            outbound.append(ServerOps.PING);
            outbound.flush();
        }
        pingTimer = channel.eventLoop().schedule(this::pingTimer, server.pingIntervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPing() {
        lastPingInNanos = System.nanoTime();
        outbound.append(ServerOps.PONG);
        if (!pinged && connected && link == null) {
            pinged = true;
            if (options.protocol >= 1) {
                broker.firstPing(this);
            }
        }
    }

    @Override
    public void onPong() {
        pingsOut = 0;
        if (rttStartNanos != 0) {
            rttNanos = Math.max(1, System.nanoTime() - rttStartNanos);
            rttStartNanos = 0;
        }
    }

    // ---------------------------------------------------------------- CONNECT

    @Override
    public void onConnect(ByteBuf json) {
        ConnectOptions o;
        try {
            o = ConnectOptions.parse(json);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} - malformed CONNECT: {}", this, e.getMessage());
            protocolFailure("malformed CONNECT");
            return;
        }
        options = o;
        if (o.protocol < 0 || o.protocol > 1) {
            outbound.appendErr("invalid client protocol");
            reason("Bad Client Protocol Version");
            closeAfterFlush("invalid client protocol");
            return;
        }
        if (o.noResponders && !o.headers) {
            outbound.appendErr("no responders requires headers support");
            reason("No Responders Requires Headers");
            closeAfterFlush("no responders requires headers support");
            return;
        }
        if (o.account != null && !o.account.isEmpty() || o.newAccount) {
            outbound.appendErr("Authorization Violation");
            reason("Authentication Failure");
            closeAfterFlush("account in CONNECT");
            return;
        }
        outbound.headers = o.headers;
        deliveries.echo = o.echo;
        parser.setHeadersEnabled(o.headers);
        if (authRequired && !connected) {
            authenticate(o);
            return;
        }
        connected = true;
        announce(true, null);
        if (o.verbose) {
            outbound.append(ServerOps.OK);
        }
    }

    /**
     * Asks the authenticators off the event loop. Meanwhile this connection reads nothing more and keeps what it
     * already read after the CONNECT; the decision comes back to the event loop.
     */
    private void authenticate(ConnectOptions o) {
        suspend();
        ConnectAttempt attempt = new Attempt(o);
        var chain = broker.authenticators;
        try {
            broker.authExecutor.execute(() -> {
                AuthDecision d = Authentication.decide(chain, attempt, broker.authenticatorStats);
                channel.eventLoop().execute(() -> authDecided(d));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            authDecided(AuthDecision.deny("the server is stopping"));
        }
    }

    private void authDecided(AuthDecision d) {
        if (closing.get()) {
            return;
        }
        if (d.outcome() != AuthDecision.Outcome.ALLOW) {
            LOG.error("{} - Authorization Error - User \"{}\"{}", this, options.user == null ? "" : options.user,
                    d.reason() == null ? "" : ": " + d.reason());
            outbound.appendErr("Authorization Violation");
            reason("Authentication Failure");
            closeAfterFlush("authorization violation");
            return;
        }
        user = d.user();
        Account admitted = broker.accounts.account(d.account());
        if (admitted != account()) {
            deliveries.account = admitted;
            routes = new SubjectCache(admitted.index);
        }
        outbound.perms = ClientPermissions.compile(d.permissions());
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        connected = true;
        announce(true, null);
        parser.setAwaitingAuth(false);
        if (options.verbose) {
            outbound.append(ServerOps.OK);
        }
        resume();
    }

    /**
     * Asks the authenticators about this connected client again (on the auth executor, after they changed): a client
     * no longer admitted, or admitted into another account, is closed with {@code Authorization Violation}; one still
     * admitted gets its new permissions. With no authenticator left, nobody needs to authenticate.
     */
    void reauthenticate(List<Map.Entry<Map<String, Object>, io.dialtone.api.auth.Authenticator>> chain) {
        if (!connected || closing.get()) {
            return;
        }
        Account account = account();
        AuthDecision d = chain.isEmpty() ? AuthDecision.allow(user, account == broker.global ? null : account.name)
                : Authentication.decide(chain, new Attempt(options), broker.authenticatorStats);
        channel.eventLoop().execute(() -> reauthenticated(d));
    }

    private void reauthenticated(AuthDecision d) {
        if (closing.get()) {
            return;
        }
        if (d.outcome() != AuthDecision.Outcome.ALLOW || broker.accounts.account(d.account()) != account()) {
            LOG.error("{} - Authorization Error - User \"{}\" no longer admitted{}", this,
                    options.user == null ? "" : options.user, d.reason() == null ? "" : ": " + d.reason());
            outbound.appendErr("Authorization Violation");
            reason("Authentication Failure");
            closeAfterFlush("authorization revoked");
            return;
        }
        ClientPermissions p = ClientPermissions.compile(d.permissions());
        outbound.perms = p;
        routes = new SubjectCache(account().index); // its entries remember publish decisions
        if (p != null) {
            removeSubscriptionsNoLongerAllowed(p);
        }
        outbound.denyFilter = p != null && subs.values().stream().anyMatch(x -> p.needsDeliveryFilter(x.subject));
    }

    /**
     * As nats-server on a reload: a subscription the client's new permissions no longer allow is removed, and the
     * client told with {@code -ERR 'Permissions Violation for Subscription to "<subject>" (sid "<sid>")'}.
     */
    private void removeSubscriptionsNoLongerAllowed(ClientPermissions p) {
        boolean removed = false;
        for (Subscription s : subs.values()) {
            if (!p.subscribeAllowed(s.subject, s.queue)) {
                unsubscribe(s);
                LOG.info("{} - Removed sub \"{}\" (sid \"{}\") for {} - not authorized", this, s.subject, s.sid,
                        authUser());
                outbound.appendErr("Permissions Violation for Subscription to \"" + s.subject + "\" (sid \"" + s.sid
                        + "\")");
                removed = true;
            }
        }
        if (removed) {
            outbound.flush();
        }
    }

    /**
     * Stops taking operations from this client after the current one: the rest of the read is held, and no more
     * is read, until {@link #resume()}. Keeps the client's operations in order across work done off the loop.
     */
    private void suspend() {
        suspended = true;
        parser.pause();
        channel.config().setAutoRead(false);
    }

    /** Parses what was held (which may suspend again), then reads on. */
    private void resume() {
        suspended = false;
        ByteBuf held = heldInput;
        heldInput = null;
        if (held != null) {
            try {
                parser.parse(held, this);
                if (parser.paused() && held.isReadable()) {
                    hold(held.retain());
                }
            } finally {
                held.release();
            }
        }
        flushTouched();
        if (!suspended && !closing.get()) {
            channel.config().setAutoRead(true);
        }
    }

    private void authTimeout() {
        authTimer = null;
        if (!connected && !closing.get()) {
            outbound.appendErr("Authentication Timeout");
            reason("Authentication Timeout");
            closeAfterFlush("authentication timeout");
        }
    }

    /** The CONNECT as authenticators see it. */
    private final class Attempt implements ConnectAttempt {
        private final ConnectOptions o;

        Attempt(ConnectOptions o) {
            this.o = o;
        }

        @Override
        public long clientId() {
            return id;
        }

        @Override
        public String remoteAddress() {
            SocketAddress r = channel.remoteAddress();
            return r instanceof InetSocketAddress
                    ? ((InetSocketAddress) r).getAddress().getHostAddress() + ":" + ((InetSocketAddress) r).getPort()
                    : String.valueOf(r);
        }

        @Override
        public String user() {
            return o.user;
        }

        @Override
        public String password() {
            return o.pass;
        }

        @Override
        public String token() {
            return o.authToken;
        }

        @Override
        public String nkey() {
            return o.nkey;
        }

        @Override
        public String signature() {
            return o.sig;
        }

        @Override
        public String nonce() {
            return nonce;
        }

        @Override
        public String jwt() {
            return o.jwt;
        }

        @Override
        public String name() {
            return o.name;
        }

        @Override
        public java.security.cert.X509Certificate certificate() {
            return transport.certificate().get();
        }

        @Override
        public boolean certificateNamesUser() {
            return transport.tlsMap();
        }
    }

    // ---------------------------------------------------------------- SUB / UNSUB

    @Override
    public void onSub(ByteBuf subjectBuf, ByteBuf queueBuf, ByteBuf sidBuf) {
        String subject = subjectBuf.toString(StandardCharsets.ISO_8859_1);
        String queue = queueBuf.isReadable() ? queueBuf.toString(StandardCharsets.ISO_8859_1) : null;
        String sid = sidBuf.toString(StandardCharsets.ISO_8859_1);
        ClientPermissions p = outbound.perms;
        if (p != null && !p.subscribeAllowed(subject, queue)) {
            subscribeRefused(subject, queue, sid);
            return;
        }
        if (server.maxSubscriptions > 0 && subs.size() >= server.maxSubscriptions) {
            LOG.error("{} - maximum subscriptions exceeded", this);
            outbound.appendErr("maximum subscriptions exceeded");
            return;
        }
        if (subs.containsKey(sid)) {
            ok();
            return;
        }
        if (!Subjects.isValidSubject(subject) || queue != null && !Subjects.isValidQueueName(queue)) {
            outbound.appendErr("Invalid Subject");
            return;
        }
        Subscription s = new Subscription(this, outbound, subject, queue, sid);
        subs.put(sid, s);
        account().index.insert(subject, queue, s);
        broker.localInterest(account(), subject, queue, 1);
        if (p != null && !outbound.denyFilter && p.needsDeliveryFilter(subject)) {
            outbound.denyFilter = true;
        }
        ok();
    }

    /** nats-server's subPermissionViolation: an -ERR, the connection stays. */
    private void subscribeRefused(String subject, String queue, String sid) {
        if (queue == null) {
            LOG.error("{} - Subscription Violation - {}, Subject \"{}\", SID {}", this, authUser(), subject, sid);
            outbound.appendErr("Permissions Violation for Subscription to \"" + subject + "\"");
        } else {
            LOG.error("{} - Subscription Violation - {}, Subject \"{}\", Queue: \"{}\", SID {}", this, authUser(),
                    subject, queue, sid);
            outbound.appendErr("Permissions Violation for Subscription to \"" + subject + "\" using queue \""
                    + queue + "\"");
        }
    }

    /** How nats-server's log names the client's identity. */
    private String authUser() {
        String u = user;
        if (u == null) {
            return options.nkey != null ? "Nkey \"" + options.nkey + "\"" : "User \"\"";
        }
        return (u.startsWith("U") && u.length() == 56 ? "Nkey \"" : "User \"") + u + "\"";
    }

    @Override
    public void onUnsub(ByteBuf sidBuf, long max) {
        Subscription s = subs.get(sidBuf.toString(StandardCharsets.ISO_8859_1));
        if (s != null) {
            if (max > 0 && max > outbound.delivered(s)) {
                s.max = max;
            } else {
                unsubscribe(s);
            }
        }
        ok();
    }

    @Override
    public void unsubscribe(Subscription s) {
        s.closed = true;
        if (subs.remove(s.sid, s)) {
            account().index.remove(s.subject, s.queue, s);
            broker.localInterest(account(), s.subject, s.queue, -1);
        }
    }

    /** The account the client is in: the global one until an authenticator admits it into another. */
    private Account account() {
        return deliveries.account;
    }

    // ---------------------------------------------------------------- PUB / HPUB

    @Override
    public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) {
        publish(subject, reply, 0, payload);
    }

    @Override
    public void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        publish(subject, reply, headerSize, message);
    }

    private void publish(ByteBuf subjectBuf, ByteBuf reply, int headerSize, ByteBuf message) {
        deliveries.received(message.readableBytes());
        SubjectCache.Entry route = routes.lookup(subjectBuf);
        if (options.pedantic && !route.literal) {
            outbound.appendErr("Invalid Publish Subject");
        }
        SubjectMapping[] mappings = account().mappings;
        if (mappings != null) {
            String mapped = SubjectMapping.first(mappings, route.subject);
            if (mapped != route.subject) {
                subjectBuf = Deliveries.ascii(mapped);
                route = routes.lookup(subjectBuf);
            }
        }
        ClientPermissions p = outbound.perms;
        if (p != null && p.restrictsPublish() && !publishPermitted(p, route)) {
            LOG.error("{} - Publish Violation - {}, Subject \"{}\"", this, authUser(), route.subject);
            publishRefused(route.subject);
            return;
        }
        ok();
        List<Interceptors.Registered<PublishInterceptor>> interceptors = broker.interceptors.current();
        if (!interceptors.isEmpty() && Interceptors.anyMatches(interceptors, route.subject)) {
            intercept(interceptors, route.subject, reply, headerSize, message);
            return;
        }
        routeMatched(route, subjectBuf, reply, headerSize, message);
    }

    /** The lists' decision, cached with the subject's route; then, if refused, whether it answers a request. */
    private static boolean publishPermitted(ClientPermissions p, SubjectCache.Entry route) {
        byte known = route.publishPermission;
        if (known == 0) {
            known = p.publishAllowed(route.subject) ? (byte) 1 : (byte) 2;
            route.publishPermission = known;
        }
        return known == 1 || p.responseAllowed(route.subject);
    }

    /** nats-server's reply to a refused publish (also an interceptor's drop); the connection stays. */
    private void publishRefused(String subject) {
        outbound.appendErr("Permissions Violation for Publish to \"" + subject + "\"");
    }

    /**
     * Hands a message to the interceptors off the event loop. The client's operations keep their order: the client
     * is suspended (nothing more is parsed or read) until the message comes back to this event loop and is routed.
     */
    private void intercept(List<Interceptors.Registered<PublishInterceptor>> chain, String subject, ByteBuf reply,
            int headerSize, ByteBuf message) {
        InterceptedMessage copy = InterceptedMessage.copy(subject, reply, headerSize, message, id, name());
        suspend();
        broker.interceptors.run(chain, copy, broker.interceptExecutor).handle((result, error) -> {
            if (error != null) {
                LOG.error("{} - interceptors failed; the message passes unchanged", this, error);
            }
            InterceptedMessage outcome = error != null ? copy : result;
            channel.eventLoop().execute(() -> afterInterception(copy, outcome));
            return null;
        });
    }

    /** Back on the event loop: routes what the interceptors let through, or tells the publisher it was refused. */
    private void afterInterception(InterceptedMessage original, InterceptedMessage result) {
        if (closing.get()) {
            return;
        }
        if (result == null) {
            publishRefused(original.subject());
        } else {
            InterceptedMessage.Wire w = result.wire();
            if (routeMatched(routes.lookup(w.subject()), w.subject(), w.reply(), w.headerSize(), w.message())) {
                return; // delivery interceptors resume the client
            }
        }
        resume();
    }

    /**
     * Delivers to every matching subscription (see Deliveries#publish). Returns true when deliveries wait for delivery
     * interceptors: the client is then suspended until they are decided and appended.
     */
    private boolean routeMatched(SubjectCache.Entry route, ByteBuf subjectBuf, ByteBuf reply, int headerSize,
            ByteBuf message) {
        List<Interceptors.Registered<DeliveryInterceptor>> outgoing = broker.deliveryInterceptors.current();
        boolean intercept = !outgoing.isEmpty() && Interceptors.anyMatches(outgoing, route.subject);
        deliveries.publish(route, subjectBuf, reply, headerSize, message, intercept, options.noResponders, rttNanos);
        if (deliveries.intercepted().isEmpty()) {
            return false;
        }
        interceptDeliveries(outgoing, route.subject, reply, headerSize, message);
        return true;
    }

    RouteLink link() {
        return link;
    }

    /** Closes a route connection the peer may not keep (flushing what was written first). */
    void refuse(String reason, String why) {
        reason(reason);
        closeAfterFlush(why);
    }

    /** The connection's half of a route's /routez entry. */
    void fill(io.dialtone.api.runtime.RouteDTO d) {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress) {
            d.ip = ((InetSocketAddress) remote).getAddress().getHostAddress();
            d.port = ((InetSocketAddress) remote).getPort();
        }
        d.startMillis = startMillis;
        d.lastActivityMillis = lastActivityMillis;
        d.rttNanos = rttNanos;
        d.pendingBytes = Math.max(0, outbound.queued());
        d.inMsgs = deliveries.inMsgs;
        d.inBytes = deliveries.inBytes;
        d.outMsgs = outbound.msgs();
        d.outBytes = outbound.msgBytes();
    }

    /**
     * Hands the deliveries set aside by {@link #routeMatched} to the delivery interceptors, one chain per
     * subscription, off the event loop. The message is copied once for all of them (no reference-counted buffer
     * crosses the API). This client is suspended until every delivery is decided, so what it publishes reaches each
     * subscriber in order.
     */
    private void interceptDeliveries(List<Interceptors.Registered<DeliveryInterceptor>> chain, String subject,
            ByteBuf reply, int headerSize, ByteBuf message) {
        InterceptedMessage copy = InterceptedMessage.copy(subject, reply, headerSize, message, id, name());
        List<Subscription> intercepted = deliveries.intercepted();
        List<InterceptedDelivery> originals = new ArrayList<>(intercepted.size());
        List<CompletableFuture<InterceptedDelivery>> decisions = new ArrayList<>(intercepted.size());
        for (Subscription s : intercepted) {
            InterceptedDelivery d = new InterceptedDelivery(copy, s);
            originals.add(d);
            decisions.add(broker.deliveryInterceptors.run(chain, d, broker.interceptExecutor));
        }
        intercepted.clear();
        suspend();
        CompletableFuture.allOf(decisions.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            channel.eventLoop().execute(() -> afterDeliveryInterception(originals, decisions));
            return null;
        });
    }

    /** Back on the event loop: appends what the delivery interceptors let through, in routing order; reads on. */
    private void afterDeliveryInterception(List<InterceptedDelivery> originals,
            List<CompletableFuture<InterceptedDelivery>> decisions) {
        for (int i = 0, n = originals.size(); i < n; i++) {
            InterceptedDelivery d;
            try {
                d = decisions.get(i).join();
            } catch (CompletionException | CancellationException e) {
                LOG.error("{} - delivery interceptors failed; the message is delivered unchanged", this, e);
                d = originals.get(i);
            }
            if (d != null) {
                InterceptedMessage.Wire w = d.message.wire();
                deliveries.append(d.subscription, w.subject(), w.reply(), w.headerSize(), w.message());
            }
        }
        resume();
    }

    /** Closes this client as a slow consumer (from any thread), once, for {@code reason} (the close reason). */
    void slowConsumer(String reason, String why, String subject) {
        reason(reason);
        slowConsumer(why, subject);
    }

    /** Closes this client as a slow consumer (from any thread), once. */
    void slowConsumer(String why, String subject) {
        if (closing.compareAndSet(false, true)) {
            broker.slowConsumers.increment();
            LOG.warn("{} - Slow Consumer Detected: {}{}", this, why,
                    subject == null ? "" : " (fell behind on subject \"" + subject + "\")");
            outbound.close();
            channel.close();
        }
    }

    // ---------------------------------------------------------------- errors and the rest

    @Override
    public long id() {
        return id;
    }

    /** The CONNECT name, or empty. */
    @Override
    public String name() {
        String name = options.name;
        return name == null ? "" : name;
    }

    @Override
    public void protocolError(ProtocolError e) {
        LOG.debug("{} - protocol error: {}", this, e);
        if (e.errText() != null) {
            outbound.appendErr(e.errText());
        }
        if (e.closesConnection()) {
            reason(e == ProtocolError.MAX_PAYLOAD_VIOLATION ? "Maximum Message Payload Exceeded"
                    : e == ProtocolError.MAX_CONTROL_LINE_EXCEEDED ? "Maximum Control Line Exceeded"
                    : e == ProtocolError.AUTHORIZATION_VIOLATION ? "Authentication Failure" : "Parse Error");
            closeAfterFlush(e.name());
        }
    }

    private void protocolFailure(String why) {
        reason("Parse Error");
        parser.close();
        closeAfterFlush(why);
    }

    private void ok() {
        if (options.verbose) {
            outbound.append(ServerOps.OK);
        }
    }

    private String remoteIp() {
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress().getHostAddress() : "";
    }

    @Override
    public String toString() {
        SocketAddress remote = channel.remoteAddress();
        String where = remote instanceof InetSocketAddress
                ? ((InetSocketAddress) remote).getAddress().getHostAddress() + ":" + ((InetSocketAddress) remote).getPort()
                : String.valueOf(remote);
        if (link != null) {
            return where + " - rid:" + id;
        }
        String name = options.name == null || options.name.isEmpty() ? "" : " - \"" + options.name + "\"";
        return where + " - cid:" + id + name;
    }
}
