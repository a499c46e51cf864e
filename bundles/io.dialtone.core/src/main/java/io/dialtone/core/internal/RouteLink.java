package io.dialtone.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.RouteDTO;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.core.transport.ClusterSettings;
import io.dialtone.core.transport.RouteTransport;
import io.dialtone.protocol.HostPort;
import io.dialtone.protocol.RouteFrames;
import io.dialtone.protocol.RouteOps;
import io.dialtone.protocol.RouteParser;
import io.dialtone.router.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route role of a {@link Connection} whose peer is another server of the cluster (nats-server's ROUTER
 * connection). It speaks the route protocol: INFO both ways (and CONNECT from the side that dialled), the peer's
 * interest as RS+/RS- held here as remote subscriptions in the accounts' indexes, and messages as RMSG/HMSG. A
 * message from a route is delivered to local clients only (one hop: the mesh is full). Runs on the connection's event
 * loop, except {@link #sendInterest}, which the broker calls under its interest lock from any thread.
 */
final class RouteLink extends Connection implements RouteOps {

    private static final Logger LOG = LoggerFactory.getLogger(RouteLink.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** nats-server's system account: Dialtone has none, so the peer's interest in it is not held. */
    private static final String SYSTEM_ACCOUNT = "$SYS";

    final RouteTransport transport;
    final RouteParser parser;
    /** The peer's interest held here, by "account subject queue"; written on the event loop, read by /routez. */
    private final Map<String, Remote> remote = new ConcurrentHashMap<>();
    volatile String remoteId;
    volatile String remoteName;
    /** The peer's first INFO, once it is known. */
    private RouteInfo info;
    /** The peer's client URLs this server counts in what it advertises (see Broker#routeUrls); event loop only. */
    private List<String> advertisedUrls = List.of();
    private boolean connectSeen;
    private volatile boolean registered;
    private ScheduledFuture<?> authTimer;
    /** Routing caches per account for the messages the peer sends (event loop only), and the last one used. */
    private final Map<Account, SubjectCache> caches = new HashMap<>();
    private byte[] lastAccount;
    private SubjectCache lastCache;

    private record Remote(Account account, Subscription subscription) {
    }

    RouteLink(Broker broker, ServerDTO server, long id, Channel channel, RouteTransport transport) {
        super(broker, server, id, channel, true);
        this.transport = transport;
        this.parser = new RouteParser(channel.alloc());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active();
        startPingTimer();
        ctx.fireChannelActive();
    }

    @Override
    boolean parse(ByteBuf in) {
        parser.parse(in, this);
        return false;
    }

    @Override
    void stopParsing() {
        parser.close();
    }

    /** Routes are not stalled (as nats-server): pausing one would hold up every subscriber behind it. */
    @Override
    boolean stallable() {
        return false;
    }

    /** The channel is up: CONNECT first when this server dialled, then INFO (nats-server's order). */
    private void active() {
        if (transport.solicited()) {
            outbound.append(Unpooled.wrappedBuffer(connectLine()));
        }
        outbound.append(Unpooled.wrappedBuffer(infoLine(false)));
        outbound.flush();
        if (!transport.solicited() && transport.requiredUser() != null) {
            authTimer = channel.eventLoop().schedule(this::authTimeout, transport.authTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("{} - Route connection created", this);
    }

    private byte[] connectLine() {
        return line("CONNECT ", g -> {
            g.writeBooleanField("echo", true);
            g.writeBooleanField("verbose", false);
            g.writeBooleanField("pedantic", false);
            if (transport.user() != null) {
                g.writeStringField("user", transport.user());
                g.writeStringField("pass", Objects.toString(transport.password(), ""));
            }
            g.writeBooleanField("tls_required", false);
            g.writeBooleanField("headers", true);
            g.writeStringField("name", server.serverId);
            if (transport.clusterName() != null) {
                g.writeStringField("cluster", transport.clusterName());
            }
        }, "\r\n");
    }

    private byte[] infoLine(boolean lameDuck) {
        ClusterSettings cluster = broker.clusterSettings();
        return line("INFO ", g -> {
            g.writeStringField("server_id", server.serverId);
            g.writeStringField("server_name", server.serverName);
            g.writeStringField("version", server.version);
            g.writeNumberField("proto", 1);
            g.writeStringField("go", Versions.RUNTIME);
            g.writeStringField("host", transport.host());
            g.writeNumberField("port", transport.port());
            g.writeBooleanField("headers", true);
            if (cluster != null ? cluster.authRequired()
                    : transport.requiredUser() != null && !transport.solicited()) {
                g.writeBooleanField("auth_required", true);
            }
            g.writeNumberField("max_payload", server.maxPayload);
            if (cluster != null && cluster.routeUrl() != null) {
                g.writeStringField("ip", cluster.routeUrl());
            }
            if (transport.clusterName() != null) {
                g.writeStringField("cluster", transport.clusterName());
            }
            if (cluster != null && !cluster.clientUrls().isEmpty()) {
                g.writeArrayFieldStart("connect_urls");
                for (String u : cluster.clientUrls()) {
                    g.writeString(u);
                }
                g.writeEndArray();
            }
            if (lameDuck) {
                g.writeBooleanField("ldm", true);
            }
        }, " \r\n");
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] line(String op, Fields fields, String end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(op.getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- handshake

    @Override
    public void onRouteConnect(ByteBuf json) {
        RouteInfo c; // CONNECT's fields, read the same way
        try {
            c = RouteInfo.parse(json);
        } catch (IOException | RuntimeException e) {
            refuse("Parse Error", "malformed route CONNECT: " + e.getMessage());
            return;
        }
        if (transport.requiredUser() != null && !(transport.requiredUser().equals(c.string("user"))
                && Objects.equals(transport.requiredPassword(), c.string("pass")))) {
            LOG.error("{} - Router authentication error - User \"{}\"", this,
                    Objects.toString(c.string("user"), ""));
            outbound.appendErr("Authorization Violation");
            refuse("Authentication Failure", "authorization violation");
            return;
        }
        String cluster = c.string("cluster");
        if (!sameCluster(cluster)) {
            return;
        }
        connectSeen = true;
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
    }

    @Override
    public void onRouteInfo(ByteBuf json) {
        RouteInfo info;
        try {
            info = RouteInfo.parse(json);
        } catch (IOException | RuntimeException e) {
            if (registered) {
                LOG.error("{} - Ignoring a malformed route INFO: {}", this, e.getMessage());
            } else {
                refuse("Parse Error", "malformed route INFO: " + e.getMessage());
            }
            return;
        }
        if (registered) {
            laterInfo(info);
            return;
        }
        if (!transport.solicited() && transport.requiredUser() != null && !connectSeen) {
            outbound.appendErr("Authorization Violation");
            refuse("Authentication Failure", "INFO before CONNECT");
            return;
        }
        String id = info.serverId();
        if (id == null || id.isEmpty()) {
            refuse("Parse Error", "route INFO without server_id");
            return;
        }
        remoteId = id;
        remoteName = Objects.requireNonNullElse(info.string("server_name"), id);
        if (id.equals(server.serverId)) {
            LOG.debug("{} - Detected route to self, ignoring \"{}\"", this, transport.url());
            transport.onDuplicate().accept(id);
            refuse("Duplicate Route", "route to self");
            return;
        }
        if (!sameCluster(info.string("cluster"))) {
            return;
        }
        this.info = info;
        if (!broker.routes.registerRoute(this)) {
            LOG.debug("{} - Detected duplicate remote route \"{}\"", this, id);
            transport.onDuplicate().accept(id);
            refuse("Duplicate Route", "duplicate route");
            return;
        }
        registered = true;
        LOG.info("{} - Registered remote route \"{}\"", this, remoteName);
        List<String> urls = info.strings("connect_urls");
        if (broker.routeUrls(urls, true)) {
            advertisedUrls = urls;
        }
        transport.onRegistered().accept(id);
    }

    /**
     * An INFO after the first, as nats-server reads it: about another server (gossip of a new route: perhaps dial
     * it), or about the peer itself, of which only lame duck mode matters here (its clients' URLs stop being
     * advertised). Gateway INFOs are not for this server, which has no gateways.
     */
    private void laterInfo(RouteInfo later) {
        String id = later.serverId();
        if (later.string("gateway") != null) {
            return;
        }
        if (id != null && !id.equals(remoteId)) {
            broker.gossip(later);
        } else if (later.flag("ldm") && !advertisedUrls.isEmpty()) {
            LOG.info("{} - Route is in lame duck mode", this);
            broker.routeUrls(advertisedUrls, false);
            advertisedUrls = List.of();
        }
    }

    /**
     * The peer's INFO as the other routes get it when the peer is new, with {@code ip} where to dial it: what the peer
     * advertised, or its address with the route port it gave (nats-server's gossip).
     */
    byte[] gossip() {
        String ip = null;
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress) {
            ip = "nats-route://" + HostPort.join(((InetSocketAddress) remote).getAddress(),
                    (int) info.number("port")) + "/";
        }
        return info.forwarded(ip);
    }

    /** Sends protocol bytes as they are (an INFO about another route). */
    void send(byte[] protocol) {
        outbound.append(Unpooled.wrappedBuffer(protocol));
        outbound.scheduleFlush();
    }

    /** This server enters lame duck mode: the peer is told with an INFO carrying {@code "ldm":true}. */
    void lameDuck() {
        send(infoLine(true));
    }

    /** nats-server refuses a peer of another cluster; a peer that names none is taken. */
    private boolean sameCluster(String cluster) {
        String mine = transport.clusterName();
        if (cluster == null || mine == null || cluster.equals(mine)) {
            return true;
        }
        LOG.error("{} - Rejecting connection, cluster name \"{}\" does not match \"{}\"", this, cluster, mine);
        refuse("Cluster Name Conflict", "cluster name conflict");
        return false;
    }

    private void authTimeout() {
        authTimer = null;
        if (!connectSeen) {
            outbound.appendErr("Authentication Timeout");
            refuse("Authentication Timeout", "authentication timeout");
        }
    }

    /** The broker kept another route to the same server: this one goes, and its dialler waits for that one. */
    void closeAsDuplicate() {
        channel.eventLoop().execute(() -> {
            transport.onDuplicate().accept(remoteId);
            refuse("Duplicate Route", "duplicate route");
        });
    }

    // ---------------------------------------------------------------- interest

    @Override
    public void onRemoteSub(ByteBuf accountBuf, ByteBuf subjectBuf, ByteBuf queueBuf, int weight) {
        String accountName = accountBuf.toString(StandardCharsets.ISO_8859_1);
        if (!registered || SYSTEM_ACCOUNT.equals(accountName)) {
            return;
        }
        String subject = subjectBuf.toString(StandardCharsets.ISO_8859_1);
        String queue = queueBuf.isReadable() ? queueBuf.toString(StandardCharsets.ISO_8859_1) : null;
        if (!Subjects.isValidSubject(subject) || queue != null && !Subjects.isValidQueueName(queue)) {
            LOG.debug("{} - ignoring interest in invalid subject \"{}\"", this, subject);
            return;
        }
        String key = key(accountName, subject, queue);
        Remote held = remote.get(key);
        if (held != null) {
            held.subscription().weight = Math.max(1, weight);
            return;
        }
        Account account = broker.accounts.account(accountName);
        Subscription s = new Subscription(this, outbound, subject, queue, "");
        s.weight = Math.max(1, weight);
        remote.put(key, new Remote(account, s));
        account.index.insert(subject, queue, s);
    }

    @Override
    public void onRemoteUnsub(ByteBuf accountBuf, ByteBuf subjectBuf, ByteBuf queueBuf) {
        String queue = queueBuf.isReadable() ? queueBuf.toString(StandardCharsets.ISO_8859_1) : null;
        Remote held = remote.remove(key(accountBuf.toString(StandardCharsets.ISO_8859_1),
                subjectBuf.toString(StandardCharsets.ISO_8859_1), queue));
        if (held != null) {
            held.subscription().closed = true;
            held.account().index.remove(held.subscription().subject, queue, held.subscription());
        }
    }

    private static String key(String account, String subject, String queue) {
        return queue == null ? account + ' ' + subject : account + ' ' + subject + ' ' + queue;
    }

    /**
     * Tells the peer about a change of local interest: {@code members} > 0 is RS+ (with the queue weight), 0 is RS-.
     * Called under the broker's interest lock, so the peer sees changes in the order they happened.
     */
    void sendInterest(Account account, String subject, String queue, int members) {
        if (members > 0) {
            outbound.appendFrames(out -> RouteFrames.writeRemoteSub(out, account.name, subject, queue,
                    members));
        } else {
            outbound.appendFrames(out -> RouteFrames.writeRemoteUnsub(out, account.name, subject, queue));
        }
        outbound.scheduleFlush();
    }

    /** All local interest of every account, once, when the route is registered (under the interest lock). */
    void sendAllInterest(Iterable<Account> accounts) {
        outbound.appendFrames(out -> {
            for (Account a : accounts) {
                for (Map.Entry<Account.Interest, Integer> e : a.interest.entrySet()) {
                    RouteFrames.writeRemoteSub(out, a.name, e.getKey().subject(), e.getKey().queue(), e.getValue());
                }
            }
        });
        outbound.scheduleFlush();
    }

    // ---------------------------------------------------------------- messages and the rest

    @Override
    public void onRouteMsg(ByteBuf accountBuf, ByteBuf subject, ByteBuf reply, ByteBuf queues, int headerSize,
            ByteBuf message) {
        if (!registered) {
            return;
        }
        SubjectCache cache = cache(accountBuf);
        if (cache != null) { // an account never named here has no subscriber here (and a peer must not make one)
            deliveries.fromRoute(cache.lookup(subject), subject, reply, queues, headerSize, message);
        }
    }

    /** The routing cache of the account a message names: the last one's again without a String or a map lookup. */
    private SubjectCache cache(ByteBuf accountBuf) {
        byte[] last = lastAccount;
        if (last != null && last.length == accountBuf.readableBytes()) {
            boolean same = true;
            for (int i = 0; i < last.length && same; i++) {
                same = last[i] == accountBuf.getByte(accountBuf.readerIndex() + i);
            }
            if (same) {
                return lastCache;
            }
        }
        Account account = broker.accounts.existing(accountBuf.toString(StandardCharsets.ISO_8859_1));
        if (account == null) {
            return null;
        }
        lastAccount = account.nameBytes;
        lastCache = caches.computeIfAbsent(account, a -> new SubjectCache(a.index));
        return lastCache;
    }

    @Override
    public void onRouteErr(ByteBuf text) {
        LOG.error("{} - Route error from peer: {}", this, text.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onRouteProtocolError(String why) {
        LOG.error("{} - Route protocol error: {}", this, why);
        refuse("Parse Error", why);
    }

    /** The connection is gone: the peer's interest goes with it. */
    @Override
    void closed(String reason) {
        parser.close();
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        for (Remote r : remote.values()) {
            r.subscription().closed = true;
            r.account().index.remove(r.subscription().subject, r.subscription().queue, r.subscription());
        }
        remote.clear();
        if (registered) {
            registered = false;
            broker.routes.unregisterRoute(this);
            broker.routeUrls(advertisedUrls, false);
            advertisedUrls = List.of();
        }
        LOG.info("{} - Router connection closed: {}", this, reason);
    }

    RouteDTO dto() {
        RouteDTO d = new RouteDTO();
        d.rid = id;
        d.remoteId = remoteId;
        d.remoteName = remoteName;
        d.didSolicit = transport.solicited();
        d.isConfigured = transport.configured();
        InetSocketAddress peer = remote();
        if (peer != null) {
            d.ip = peer.getAddress().getHostAddress();
            d.port = peer.getPort();
        }
        d.startMillis = startMillis;
        d.lastActivityMillis = lastActivityMillis;
        d.rttNanos = rttNanos;
        d.pendingBytes = Math.max(0, outbound.queued());
        d.inMsgs = deliveries.inMsgs;
        d.inBytes = deliveries.inBytes;
        d.outMsgs = outbound.msgs();
        d.outBytes = outbound.msgBytes();
        d.subscriptionsList = remote.values().stream().map(r -> r.subscription().subject).toArray(String[]::new);
        return d;
    }

    @Override
    public String name() {
        return remoteName == null ? "" : remoteName;
    }

    /** The peer's interest has no max: nothing to remove here (RS- removes it). */
    @Override
    public void unsubscribe(Subscription s) {
    }

    @Override
    public String toString() {
        return where() + " - rid:" + id;
    }
}
