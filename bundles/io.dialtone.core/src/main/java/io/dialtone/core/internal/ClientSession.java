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
import io.dialtone.router.Match;
import io.dialtone.router.QueueGroup;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, owned by its channel's event loop: it parses the client's operations, routes its messages
 * to the matching subscriptions (appending to their {@link Outbound}s), and after each read batch gets every touched
 * subscriber flushed once. Other threads only append to its outbound and read its volatile state.
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements ClientOps {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** nats-server's first PING to a client comes after 2 s (plus up to 20 %), or the ping interval if shorter. */
    private static final long FIRST_PING_MILLIS = 2000;
    private static final ByteBuf NO_RESPONDERS_HEADER = Unpooled
            .unreleasableBuffer(Unpooled.copiedBuffer("NATS/1.0 503\r\n\r\n", StandardCharsets.US_ASCII)).asReadOnly();
    private static final ByteBuf EMPTY = Unpooled.EMPTY_BUFFER;
    private static final AtomicLong BATCHES = new AtomicLong();

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
    private final List<Outbound> touched = new ArrayList<>();
    /** The subscriptions of the message being routed that wait for delivery interceptors; reused. */
    private final List<Subscription> intercepted = new ArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The account is the global one until an authenticator admits the client into another. */
    private volatile Account account;
    private SubjectCache routes;
    /** What this client may publish and subscribe to; null when unrestricted. Set once, when admitted. */
    private volatile ClientPermissions perms;
    /** Deliveries to this client are checked against its subscribe deny list (see ClientPermissions). */
    private volatile boolean denyFilter;
    long inMsgs;
    long inBytes;

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
    private volatile boolean headers;
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
    private long batchMark;
    /** This read batch's traffic, added to the broker's counters when the batch ends. */
    private long batchInMsgs;
    private long batchInBytes;
    private long batchOutMsgs;
    private long batchOutBytes;
    private long lastActivityNanos = System.nanoTime();
    private long lastPingInNanos;
    private int pingsOut;
    private long rttStartNanos;
    private volatile long rttNanos;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> writeDeadlineTimer;
    /** The most loaded subscriber this batch published to that asked producers to wait. */
    private Outbound stalledOn;

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
        this.outbound = new Outbound(channel, server.maxPending);
        this.account = broker.global;
        this.routes = new SubjectCache(account.index);
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
            if (batchMark == 0) {
                lastActivityMillis = System.currentTimeMillis();
                batchMark = BATCHES.incrementAndGet();
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
        if (stalledOn != null) {
            stall(stalledOn);
            stalledOn = null;
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Fast-producer stall, as nats-server does it: a subscriber of this client's messages has more than half of its
     * max_pending queued, so this client's input is paused (its event loop stays free for everyone else) until that
     * subscriber drains, or a bounded time passes (100 ms to 1 s), whichever comes first. A subscriber that never
     * drains is closed as a slow consumer at max_pending, which releases the producer too.
     */
    private void stall(Outbound consumer) {
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
     * After a read batch: each subscriber this client published to gets one flush; then this client's own. The
     * subscriber furthest past half its max_pending, if any, is noted for the fast-producer stall: once per batch
     * here rather than per delivery, where the rarely taken branch made C2 throw away and recompile the whole
     * inlined publish path each time a subscriber first fell behind (LogCompilation, pubsub-16B: four
     * unstable_if deoptimizations there inside the timed phase).
     */
    private void flushTouched() {
        batchMark = 0;
        if (batchInMsgs + batchOutMsgs > 0) {
            addBatchCounters();
        }
        for (int i = 0, n = touched.size(); i < n; i++) {
            Outbound o = touched.get(i);
            if (o != outbound) {
                // only clients are stalled (as nats-server): pausing a route would hold up every subscriber behind it
                if (link == null && o.stalled() && (stalledOn == null || o.queued() > stalledOn.queued())) {
                    stalledOn = o;
                }
                o.scheduleFlush();
            }
        }
        touched.clear();
        outbound.flush();
    }

    /** The server-wide counters get this batch's traffic in one go (they are shared; per message would contend). */
    private void addBatchCounters() {
        broker.inMsgs.add(batchInMsgs);
        broker.inBytes.add(batchInBytes);
        broker.outMsgs.add(batchOutMsgs);
        broker.outBytes.add(batchOutBytes);
        batchInMsgs = 0;
        batchInBytes = 0;
        batchOutMsgs = 0;
        batchOutBytes = 0;
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
                account.index.remove(s.subject, s.queue, s);
                broker.localInterest(account, s.subject, s.queue, -1);
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
        c.inMsgs = inMsgs;
        c.inBytes = inBytes;
        c.outMsgs = outbound.msgs();
        c.outBytes = outbound.msgBytes();
        ConnectOptions o = options;
        c.name = o.name;
        c.lang = o.lang;
        c.version = o.version;
        c.account = account.name;
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
            d.account = account.name;
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
        return Unpooled.wrappedBuffer(InfoWriter.info(server, listen.getAddress().getHostAddress(), listen.getPort(),
                id, remoteIp(), lameDuck, authAdvertised, transport.tlsRequired(), transport.tlsVerify(), nonce,
                cluster.cluster(), urls));
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
        headers = o.headers;
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
        Account admitted = broker.account(d.account());
        if (admitted != account) {
            account = admitted;
            routes = new SubjectCache(admitted.index);
        }
        perms = ClientPermissions.compile(d.permissions());
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
        AuthDecision d = chain.isEmpty() ? AuthDecision.allow(user, account == broker.global ? null : account.name)
                : Authentication.decide(chain, new Attempt(options), broker.authenticatorStats);
        channel.eventLoop().execute(() -> reauthenticated(d));
    }

    private void reauthenticated(AuthDecision d) {
        if (closing.get()) {
            return;
        }
        if (d.outcome() != AuthDecision.Outcome.ALLOW || broker.account(d.account()) != account) {
            LOG.error("{} - Authorization Error - User \"{}\" no longer admitted{}", this,
                    options.user == null ? "" : options.user, d.reason() == null ? "" : ": " + d.reason());
            outbound.appendErr("Authorization Violation");
            reason("Authentication Failure");
            closeAfterFlush("authorization revoked");
            return;
        }
        ClientPermissions p = ClientPermissions.compile(d.permissions());
        perms = p;
        routes = new SubjectCache(account.index); // its entries remember publish decisions
        if (p != null) {
            removeSubscriptionsNoLongerAllowed(p);
        }
        denyFilter = p != null && subs.values().stream().anyMatch(x -> p.needsDeliveryFilter(x.subject));
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
        ClientPermissions p = perms;
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
        Subscription s = new Subscription(this, subject, queue, sid);
        subs.put(sid, s);
        account.index.insert(subject, queue, s);
        broker.localInterest(account, subject, queue, 1);
        if (p != null && !denyFilter && p.needsDeliveryFilter(subject)) {
            denyFilter = true;
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

    private void unsubscribe(Subscription s) {
        s.closed = true;
        if (subs.remove(s.sid, s)) {
            account.index.remove(s.subject, s.queue, s);
            broker.localInterest(account, s.subject, s.queue, -1);
        }
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
        int size = message.readableBytes();
        inMsgs++;
        inBytes += size;
        batchInMsgs++;
        batchInBytes += size;
        SubjectCache.Entry route = routes.lookup(subjectBuf);
        if (options.pedantic && !route.literal) {
            outbound.appendErr("Invalid Publish Subject");
        }
        SubjectMapping[] mappings = account.mappings;
        if (mappings != null) {
            String mapped = mapped(mappings, route.subject);
            if (mapped != route.subject) {
                subjectBuf = ascii(mapped);
                route = routes.lookup(subjectBuf);
            }
        }
        ClientPermissions p = perms;
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

    /** The first matching mapping's choice for a published subject (nats-server maps once, before permissions). */
    private static String mapped(SubjectMapping[] mappings, String subject) {
        for (SubjectMapping m : mappings) {
            if (m.matches(subject)) {
                return m.map(subject);
            }
        }
        return subject;
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
     * Delivers to every matching subscription (one member per queue group), then across accounts where imports say
     * so; no-responders when nobody took it. Returns true when deliveries wait for delivery interceptors: the client
     * is then suspended until they are decided and appended. (What crosses to other accounts is not intercepted.)
     */
    private boolean routeMatched(SubjectCache.Entry route, ByteBuf subjectBuf, ByteBuf reply, int headerSize,
            ByteBuf message) {
        List<Interceptors.Registered<DeliveryInterceptor>> outgoing = broker.deliveryInterceptors.current();
        boolean intercept = !outgoing.isEmpty() && Interceptors.anyMatches(outgoing, route.subject);
        boolean delivered = deliverAll(account, route.match, subjectBuf, reply, headerSize, message, intercept);
        Account.Links links = account.links;
        if (links != null) {
            delivered |= crossAccounts(links, route.subject, reply, headerSize, message);
        }
        if (!delivered && reply.isReadable() && options.noResponders) {
            noResponders(reply);
        }
        if (intercepted.isEmpty()) {
            return false;
        }
        interceptDeliveries(outgoing, route.subject, reply, headerSize, message);
        return true;
    }

    /**
     * Delivers to the matching subscriptions of {@code target}: every plain one, one member of each queue group,
     * picked from a random start among the local members and the routes with members (as nats-server 2.9 picks for a
     * client's message; it does not prefer local members then). Routes with interest get the message once each,
     * naming the queue groups they were picked for.
     */
    private boolean deliverAll(Account target, Match<Subscription> match, ByteBuf subjectBuf, ByteBuf reply,
            int headerSize, ByteBuf message, boolean intercept) {
        boolean delivered = false;
        List<Subscription> plain = match.plain();
        for (int i = 0, n = plain.size(); i < n; i++) {
            Subscription s = plain.get(i);
            if (s.remote) {
                hitRoute(s.client.link(), null);
                continue;
            }
            delivered |= deliver(s, subjectBuf, reply, headerSize, message, intercept);
        }
        List<QueueGroup<Subscription>> queues = match.queues();
        for (int g = 0, groups = queues.size(); g < groups; g++) {
            List<Subscription> members = queues.get(g).members();
            int n = members.size();
            int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
            for (int i = 0; i < n; i++) {
                Subscription m = members.get((start + i) % n);
                if (m.remote) {
                    hitRoute(m.client.link(), queues.get(g).name());
                    break;
                }
                if (deliver(m, subjectBuf, reply, headerSize, message, intercept)) {
                    delivered = true;
                    break;
                }
            }
        }
        if (!hitRoutes.isEmpty()) {
            delivered = true;
            toRoutes(target, subjectBuf, reply, headerSize, message);
        }
        return delivered;
    }

    /** The routes the message being routed goes to, with the queue groups each was picked for; reused. */
    private final List<RouteLink> hitRoutes = new ArrayList<>(2);
    private final List<StringBuilder> hitQueues = new ArrayList<>(2);

    private void hitRoute(RouteLink r, String queue) {
        int i = hitRoutes.indexOf(r);
        if (i < 0) {
            i = hitRoutes.size();
            hitRoutes.add(r);
            if (hitQueues.size() <= i) {
                hitQueues.add(new StringBuilder());
            }
            hitQueues.get(i).setLength(0);
        }
        if (queue != null) {
            StringBuilder q = hitQueues.get(i);
            if (q.length() > 0) {
                q.append(' ');
            }
            q.append(queue);
        }
    }

    /** One RMSG/HMSG per route hit, then the routes get flushed with the batch's other subscribers. */
    private void toRoutes(Account target, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        for (int i = 0, n = hitRoutes.size(); i < n; i++) {
            ClientSession peer = hitRoutes.get(i).session();
            long queued = peer.outbound.appendRouteMsg(target.nameBytes, subject, reply, hitQueues.get(i),
                    headerSize, message);
            if (queued >= 0) {
                appended(peer, message.readableBytes(), queued, null);
            }
        }
        hitRoutes.clear();
    }

    RouteLink link() {
        return link;
    }

    /**
     * A message a route brought (this session is the route's): to the local subscriptions only, and to a queue group
     * only when the peer named it (the peer picked this server for that group).
     */
    void deliverFromRoute(SubjectCache.Entry route, ByteBuf subjectBuf, ByteBuf reply, ByteBuf queues,
            int headerSize, ByteBuf message) {
        int size = message.readableBytes();
        inMsgs++;
        inBytes += size;
        batchInMsgs++;
        batchInBytes += size;
        if (!route.literal) {
            return;
        }
        Match<Subscription> match = route.match;
        List<Subscription> plain = match.plain();
        for (int i = 0, n = plain.size(); i < n; i++) {
            Subscription s = plain.get(i);
            if (!s.remote) {
                append(s, subjectBuf, reply, headerSize, message);
            }
        }
        List<QueueGroup<Subscription>> groups = match.queues();
        if (groups.isEmpty() || !queues.isReadable()) {
            return;
        }
        for (int g = 0, k = groups.size(); g < k; g++) {
            if (!namesQueue(queues, groups.get(g).name())) {
                continue;
            }
            List<Subscription> members = groups.get(g).members();
            int n = members.size();
            int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
            for (int i = 0; i < n; i++) {
                Subscription m = members.get((start + i) % n);
                if (!m.remote && append(m, subjectBuf, reply, headerSize, message)) {
                    break;
                }
            }
        }
    }

    /** Whether the blank-separated queue names of an RMSG include {@code name}. */
    private static boolean namesQueue(ByteBuf queues, String name) {
        int from = queues.readerIndex();
        int end = queues.writerIndex();
        while (from < end) {
            int to = queues.indexOf(from, end, (byte) ' ');
            if (to < 0) {
                to = end;
            }
            if (to - from == name.length()) {
                int i = 0;
                while (i < name.length() && queues.getByte(from + i) == (byte) name.charAt(i)) {
                    i++;
                }
                if (i == name.length()) {
                    return true;
                }
            }
            from = to + 1;
        }
        return false;
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
        d.inMsgs = inMsgs;
        d.inBytes = inBytes;
        d.outMsgs = outbound.msgs();
        d.outBytes = outbound.msgBytes();
    }

    /**
     * Imports: a stream exported from this account goes to its importers under their names for it; a request to an
     * imported service goes to the exporter with a reply subject of the exporter's that stands for the requester's;
     * an answer to such a subject goes back to the requester. What crosses is delivered there only (imports do not
     * chain).
     */
    private boolean crossAccounts(Account.Links links, String subject, ByteBuf reply, int headerSize,
            ByteBuf message) {
        boolean delivered = false;
        for (Account.StreamRoute r : links.streams()) {
            if (Subjects.subjectMatches(subject, r.pattern())) {
                delivered |= deliverInto(r.target(), r.rename().apply(subject), reply, headerSize, message);
            }
        }
        for (Account.ServiceRoute r : links.services()) {
            if (Subjects.subjectMatches(subject, r.pattern())) {
                ByteBuf owed = reply.isReadable() ? ascii(r.target().owe(account,
                        reply.toString(StandardCharsets.ISO_8859_1), r.singleton())) : EMPTY;
                ByteBuf header = requestInfoHeader(headerSize, message);
                ByteBuf body = message.slice(message.readerIndex() + headerSize, message.readableBytes() - headerSize);
                delivered |= deliverInto(r.target(), r.rename().apply(subject), owed, header.readableBytes(),
                        Unpooled.wrappedBuffer(header, body));
            }
        }
        if (links.exportsServices() && subject.startsWith(Account.REPLY_PREFIX)) {
            Account.Response owed = account.answer(subject);
            if (owed != null) {
                delivered |= deliverInto(owed.importer(), owed.reply(), EMPTY, headerSize, message);
            }
        }
        return delivered;
    }

    /**
     * The header block of an imported request as nats-server passes it on: the request's own headers plus
     * {@code Nats-Request-Info} naming the requester's account and its round-trip time (clients without headers get
     * the payload only).
     */
    private ByteBuf requestInfoHeader(int headerSize, ByteBuf message) {
        String info = "Nats-Request-Info: {\"acc\":\"" + account.name + "\",\"rtt\":" + rttNanos + "}\r\n\r\n";
        return headerSize == 0 ? ascii("NATS/1.0\r\n" + info)
                : Unpooled.wrappedBuffer(message.slice(message.readerIndex(), headerSize - 2), ascii(info));
    }

    private boolean deliverInto(Account target, String subject, ByteBuf reply, int headerSize, ByteBuf message) {
        return deliverAll(target, target.index.match(subject), ascii(subject), reply, headerSize, message, false);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Delivers one message to a subscriber, or sets it aside for the delivery interceptors; false when it was not
     * delivered (echo off, closed, over its max).
     */
    private boolean deliver(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message,
            boolean intercept) {
        if (s.client == this && !options.echo) {
            return false;
        }
        if (intercept && !s.closed) {
            intercepted.add(s);
            return true;
        }
        return append(s, subject, reply, headerSize, message);
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
                append(d.subscription, w.subject(), w.reply(), w.headerSize(), w.message());
            }
        }
        resume();
    }

    /** Appends one message to a subscriber's outbound; false when it was not delivered (closed, over its max). */
    private boolean append(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        ClientSession target = s.client;
        if (s.closed) {
            return false;
        }
        ClientPermissions tp = target.perms;
        if (tp != null && !permitsDelivery(target, tp, subject, reply)) {
            return false;
        }
        int hdr = headerSize;
        ByteBuf body = message;
        if (hdr > 0 && !target.headers) {
            body = message.slice(message.readerIndex() + hdr, message.readableBytes() - hdr);
            hdr = 0;
        }
        long queued = target.outbound.deliver(s, subject, reply, hdr, body);
        long max = s.max;
        if (max > 0 && (queued == Outbound.OVER_MAX || target.outbound.delivered(s) >= max)) {
            target.unsubscribe(s);
        }
        if (queued < 0) {
            return false;
        }
        appended(target, body.readableBytes(), queued, s.subject);
        return true;
    }

    /**
     * Counts a delivery appended to {@code target} ({@code queued} bytes now waiting there), closes the target as a
     * slow consumer past max_pending, notes it for the fast-producer stall, and gets it flushed after this batch.
     */
    private void appended(ClientSession target, int bytes, long queued, String subject) {
        batchOutMsgs++;
        batchOutBytes += bytes;
        if (queued > server.maxPending) {
            target.reason("Slow Consumer (Pending Bytes)");
            target.slowConsumer("MaxPending of " + server.maxPending + " Exceeded", subject);
            return;
        }
        Outbound o = target.outbound;
        if (o.touchMark != batchMark || batchMark == 0) {
            o.touchMark = batchMark;
            touched.add(o);
        }
    }

    /**
     * A subscriber with permissions: its deny list may refuse the message (when a wildcard subscription of it covers
     * a denied subject), and a request's reply subject is recorded for {@code allow_responses}.
     */
    private static boolean permitsDelivery(ClientSession target, ClientPermissions tp, ByteBuf subject,
            ByteBuf reply) {
        if (target.denyFilter && tp.deliveryDenied(subject.toString(StandardCharsets.ISO_8859_1))) {
            return false;
        }
        if (reply.isReadable() && tp.tracksReplies()) {
            tp.delivered(reply.toString(StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    /** nats-server's no-responders answer: a 503 status to the requester's own subscription on the reply subject. */
    private void noResponders(ByteBuf reply) {
        String replySubject = reply.toString(StandardCharsets.ISO_8859_1);
        if (!Subjects.isValidLiteralSubject(replySubject)) {
            return;
        }
        for (Subscription s : account.index.match(replySubject).plain()) {
            if (s.client == this) {
                outbound.appendMsg(reply, s.sidBytes, EMPTY, NO_RESPONDERS_HEADER.readableBytes(),
                        NO_RESPONDERS_HEADER);
                return;
            }
        }
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

    /** The CONNECT name, or empty. */
    String name() {
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
