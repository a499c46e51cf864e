package io.dialtone.core.internal;

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
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client role of a connection: the client protocol's operations, the client's subscriptions and the INFO it is
 * told. What it is admitted as (CONNECT, authentication) is its {@link Admission}'s; how what it publishes is checked
 * and routed is its {@link Publishing}'s; the connection itself is the {@link Connection}'s.
 */
final class ClientSession extends Connection implements ClientOps {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    final ClientTransport transport;
    final ClientParser parser = new ClientParser();
    final Admission admission;
    final Publishing publishing;
    final Map<String, Subscription> subs = new ConcurrentHashMap<>();
    /**
     * Takes async INFO when the cluster's client URLs change (protocol 1, past its first PING); set under the broker's
     * cluster lock.
     */
    private volatile boolean asyncInfo;
    /** The generation of the cluster's client URLs the greeting told. */
    private long greetedGeneration;
    /** The first PING after CONNECT was answered (nats-server's firstPongSent); event loop only. */
    private boolean firstPing;

    ClientSession(Broker broker, ServerDTO server, long id, Channel channel, ClientTransport transport) {
        super(broker, server, id, channel, false);
        this.transport = transport;
        parser.setMaxControlLine(server.maxControlLine);
        parser.setMaxPayload(server.maxPayload);
        this.admission = new Admission(this);
        this.publishing = new Publishing(this);
    }

    /** The options of the client's CONNECT (defaults before it). */
    ConnectOptions options() {
        return admission.options;
    }

    /** The account the client is in: the global one until an authenticator admits it into another. */
    Account account() {
        return deliveries.account;
    }

    /** Moves the client into {@code account} (when an authenticator admitted it there). */
    void enter(Account account) {
        deliveries.account = account;
        publishing.forgetRoutes();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        broker.totalConnections.increment();
        // As nats-server: the INFO goes out first, then the connection limit and lame-duck mode are checked.
        String nonce = admission.greeting(broker.authenticators);
        ConnectUrls.View view = broker.clusterView;
        greetedGeneration = view.generation();
        outbound.append(info(false, nonce, view));
        if (broker.lameDuckMode()) {
            refuse("Server Shutdown", "lame duck mode");
            return;
        }
        if (broker.clients.size() >= server.maxConnections) {
            outbound.appendErr("maximum connections exceeded");
            refuse("Maximum Connections Exceeded", "maximum connections exceeded");
            return;
        }
        broker.clients.put(id, this);
        outbound.flush();
        startPingTimer();
        ctx.fireChannelActive();
    }

    @Override
    boolean parse(ByteBuf in) {
        parser.parse(in, this);
        return parser.paused();
    }

    @Override
    void stopParsing() {
        parser.close();
    }

    @Override
    void suspend() {
        parser.pause();
        super.suspend();
    }

    @Override
    boolean stallable() {
        return true;
    }

    @Override
    boolean greeted() {
        return admission.connected;
    }

    @Override
    void closed(String reason) {
        admission.closed();
        ConnectionDTO last = broker.clients.containsKey(id) ? snapshot(true) : null; // with its subscriptions
        for (Subscription s : subs.values()) {
            if (subs.remove(s.sid, s)) { // a publisher's auto-unsubscribe may have taken it (and uncounted it) already
                s.closed = true;
                account().index.remove(s.subject, s.queue, s);
                broker.routes.localInterest(account(), s.subject, s.queue, -1);
            }
        }
        if (broker.clients.remove(id) != null && last != null) {
            broker.closed(last);
            if (admission.connected) {
                admission.announce(false, last);
            }
        }
    }

    /** A snapshot for /connz; read from other threads, so counters may be a moment behind. */
    ConnectionDTO snapshot(boolean closed) {
        ConnectionDTO c = new ConnectionDTO();
        c.cid = id;
        c.kind = "Client";
        c.type = transport.type();
        InetSocketAddress remote = remote();
        if (remote != null) {
            c.ip = remote.getAddress().getHostAddress();
            c.port = remote.getPort();
        }
        c.startMillis = startMillis;
        c.lastActivityMillis = lastActivityMillis;
        c.stopMillis = closed ? System.currentTimeMillis() : 0;
        String reason = closeReason();
        c.reason = closed ? (reason == null ? "Client Closed" : reason) : null;
        c.rttNanos = rttNanos;
        c.pendingBytes = Math.max(0, outbound.queued());
        c.inMsgs = deliveries.inMsgs;
        c.inBytes = deliveries.inBytes;
        c.outMsgs = outbound.msgs();
        c.outBytes = outbound.msgBytes();
        ConnectOptions o = options();
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

    // ---------------------------------------------------------------- INFO

    /**
     * Tells a client that supports async INFO that the server is going away ({@code "ldm":true}), with the other
     * servers' URLs only.
     */
    void lameDuck() {
        if (options().protocol >= 1) {
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
                .security(admission.advertised(), transport.tlsRequired(), transport.tlsVerify(), nonce)
                .cluster(cluster.cluster(), urls)
                .lameDuck(lameDuck)
                .features(broker.features.info())
                .line());
    }

    @Override
    void pinged() {
        if (!firstPing && admission.connected) {
            firstPing = true;
            if (options().protocol >= 1) {
                broker.firstPing(this);
            }
        }
    }

    // ---------------------------------------------------------------- operations

    @Override
    public void onConnect(ByteBuf json) {
        admission.onConnect(json);
    }

    @Override
    public void onPub(ByteBuf subject, ByteBuf reply, ByteBuf payload) {
        publishing.publish(subject, reply, 0, payload);
    }

    @Override
    public void onHpub(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        publishing.publish(subject, reply, headerSize, message);
    }

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
        broker.routes.localInterest(account(), subject, queue, 1);
        if (p != null && !outbound.denyFilter && p.needsDeliveryFilter(subject)) {
            outbound.denyFilter = true;
        }
        ok();
    }

    /** nats-server's subPermissionViolation: an -ERR, the connection stays. */
    private void subscribeRefused(String subject, String queue, String sid) {
        if (queue == null) {
            LOG.error("{} - Subscription Violation - {}, Subject \"{}\", SID {}", this, admission.authUser(), subject,
                    sid);
            outbound.appendErr("Permissions Violation for Subscription to \"" + subject + "\"");
        } else {
            LOG.error("{} - Subscription Violation - {}, Subject \"{}\", Queue: \"{}\", SID {}", this,
                    admission.authUser(), subject, queue, sid);
            outbound.appendErr("Permissions Violation for Subscription to \"" + subject + "\" using queue \""
                    + queue + "\"");
        }
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
            broker.routes.localInterest(account(), s.subject, s.queue, -1);
        }
    }

    @Override
    public void protocolError(ProtocolError e) {
        LOG.debug("{} - protocol error: {}", this, e);
        if (e.errText() != null) {
            outbound.appendErr(e.errText());
        }
        if (e.closesConnection()) {
            refuse(e == ProtocolError.MAX_PAYLOAD_VIOLATION ? "Maximum Message Payload Exceeded"
                    : e == ProtocolError.MAX_CONTROL_LINE_EXCEEDED ? "Maximum Control Line Exceeded"
                    : e == ProtocolError.AUTHORIZATION_VIOLATION ? "Authentication Failure" : "Parse Error", e.name());
        }
    }

    /** {@code +OK} in verbose mode. */
    void ok() {
        if (options().verbose) {
            outbound.append(ServerOps.OK);
        }
    }

    /** The CONNECT name, or empty. */
    @Override
    public String name() {
        String name = options().name;
        return name == null ? "" : name;
    }

    @Override
    public String toString() {
        String name = options().name;
        return where() + " - cid:" + id + (name == null || name.isEmpty() ? "" : " - \"" + name + "\"");
    }
}
