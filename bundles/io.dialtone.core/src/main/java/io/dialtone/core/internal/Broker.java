package io.dialtone.core.internal;

import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.client.Client;
import io.dialtone.api.intercept.ConnectionListener;
import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.AuthenticatorDTO;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.SubscriptionDTO;
import io.dialtone.api.runtime.SubscriptionIndexDTO;
import io.dialtone.router.Stats;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.ServerFeature;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.core.transport.ClientSessions;
import io.dialtone.core.transport.ClientTransport;
import io.dialtone.core.transport.ClusterSettings;
import io.dialtone.core.transport.GossipedRoute;
import io.dialtone.core.transport.RouteSessions;
import io.dialtone.core.transport.RouteTransport;
import io.dialtone.api.runtime.RouteDTO;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker kernel: the accounts, the connected clients and the server-wide counters. Creates a session for each
 * client connection a transport hands over.
 */
@Component(service = {ClientSessions.class, RouteSessions.class, BrokerRuntime.class, Broker.class})
public final class Broker implements ClientSessions, RouteSessions, BrokerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    final ServerRuntime server;
    /** The accounts, their imports and mappings. */
    final Accounts accounts;
    /** The registered routes and the local interest they are told. */
    final Routes routes;
    /** The account clients are in unless an authenticator places them elsewhere. */
    final Account global;
    final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
    final LongAdder inMsgs = new LongAdder();
    final LongAdder inBytes = new LongAdder();
    final LongAdder outMsgs = new LongAdder();
    final LongAdder outBytes = new LongAdder();
    final LongAdder slowConsumers = new LongAdder();
    /** Fast-producer stalls: a producer's input paused for a subscriber past half its max_pending. */
    final LongAdder stalls = new LongAdder();
    final LongAdder totalConnections = new LongAdder();
    private final AtomicLong clientIds = new AtomicLong();
    private static final int MAX_CLOSED = 10_000;
    private final ArrayDeque<ConnectionDTO> closed = new ArrayDeque<>();
    private final ServiceRegistration<Runnable> lameDuck;
    private volatile boolean lameDuckMode;
    /** Authenticators, lowest ranking first; an immutable snapshot replaced as services come and go. */
    volatile List<Map.Entry<Map<String, Object>, Authenticator>> authenticators = List.of();
    private final java.util.TreeMap<ServiceReference<?>, Map.Entry<Map<String, Object>, Authenticator>> bound =
            new java.util.TreeMap<>();
    /** A re-check of the connected clients is queued (changes in one reload come together). */
    private final java.util.concurrent.atomic.AtomicBoolean recheckQueued =
            new java.util.concurrent.atomic.AtomicBoolean();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAuthenticator(ServiceReference<Authenticator> ref, Authenticator a, Map<String, Object> props) {
        synchronized (bound) {
            bound.put(ref, Map.entry(props, a));
            authenticators = List.copyOf(bound.values());
        }
        recheckClients();
    }

    void updatedAuthenticator(ServiceReference<Authenticator> ref, Authenticator a, Map<String, Object> props) {
        addAuthenticator(ref, a, props);
    }

    void removeAuthenticator(ServiceReference<Authenticator> ref) {
        synchronized (bound) {
            bound.remove(ref);
            authenticators = List.copyOf(bound.values());
        }
        recheckClients();
    }

    /**
     * As nats-server on a reload: when the authenticators change (a user removed or its password changed, an
     * authenticator bundle gone), every connected client is asked about again, off the event loops; a client no
     * longer admitted gets {@code Authorization Violation} and is closed, the others get their new permissions.
     */
    private void recheckClients() {
        if (clients.isEmpty() || !recheckQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            authExecutor.execute(() -> {
                recheckQueued.set(false);
                var chain = authenticators;
                for (ClientSession c : clients.values()) {
                    c.admission.reauthenticate(chain);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            recheckQueued.set(false);
        }
    }
    /** Their decisions, per authenticator service. */
    final AuthenticatorStats authenticatorStats = new AuthenticatorStats();
    /** The publish interceptors (copy-on-write snapshot). */
    final Interceptors<PublishInterceptor, InterceptedMessage> interceptors = new Interceptors<>(Interceptors.PUBLISH);
    /** The delivery interceptors (copy-on-write snapshot). */
    final Interceptors<DeliveryInterceptor, InterceptedDelivery> deliveryInterceptors =
            new Interceptors<>(Interceptors.DELIVERY);
    /** Runs interceptors off the event loops. */
    final ThreadPoolExecutor interceptExecutor = daemonPool("dialtone-intercept");
    private final BundleContext context;
    /** Runs authenticators off the event loops (bcrypt and callouts are slow). */
    final ThreadPoolExecutor authExecutor = daemonPool("dialtone-auth");

    private static ThreadPoolExecutor daemonPool(String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPublishInterceptor(PublishInterceptor interceptor, Map<String, Object> props) {
        interceptors.add(interceptor, props, bundleName(props));
    }

    void removePublishInterceptor(PublishInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDeliveryInterceptor(DeliveryInterceptor interceptor, Map<String, Object> props) {
        deliveryInterceptors.add(interceptor, props, bundleName(props));
    }

    void removeDeliveryInterceptor(DeliveryInterceptor interceptor) {
        deliveryInterceptors.remove(interceptor);
    }

    /** The symbolic name of the bundle that registered a service, or its id when the bundle is gone. */
    private String bundleName(Map<String, Object> props) {
        Object id = props.get(Constants.SERVICE_BUNDLEID);
        Bundle b = id instanceof Long && context != null ? context.getBundle((Long) id) : null;
        return b != null ? b.getSymbolicName() : String.valueOf(id);
    }

    /** What registered features add to INFO. */
    final Features features = new Features();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFeature(ServiceReference<ServerFeature> ref, ServerFeature feature) {
        features.put(ref, feature);
    }

    void updatedFeature(ServiceReference<ServerFeature> ref, ServerFeature feature) {
        features.put(ref, feature);
    }

    void removeFeature(ServiceReference<ServerFeature> ref) {
        features.remove(ref);
    }

    /** Connection listeners, lowest ranking first (DS's order); an immutable snapshot. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    volatile List<ConnectionListener> connectionListeners = List.of();

    /** Tells the listeners (called off the event loop, see ClientSession#announce); a throwing one is logged. */
    void tellListeners(ConnectionDTO connection, boolean connected) {
        for (ConnectionListener l : connectionListeners) {
            try {
                if (connected) {
                    l.connected(connection);
                } else {
                    l.disconnected(connection);
                }
            } catch (RuntimeException e) {
                LOG.error("Connection listener {} failed on cid:{}", l.getClass().getName(), connection.cid, e);
            }
        }
    }

    @Override
    public List<InterceptorDTO> interceptors() {
        List<InterceptorDTO> list = new ArrayList<>();
        interceptors.dtos(list);
        deliveryInterceptors.dtos(list);
        return list;
    }

    @Override
    public List<AuthenticatorDTO> authenticators() {
        return authenticatorStats.dtos(authenticators, this::bundleName);
    }

    @Activate
    public Broker(BundleContext context, @Reference ServerRuntime server, @Reference Accounts accounts) {
        this.server = server;
        this.context = context;
        this.accounts = accounts;
        this.global = accounts.global;
        this.routes = new Routes(server.server().serverId, accounts);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(LaunchProperties.COMMAND, LaunchProperties.COMMAND_LAME_DUCK);
        this.lameDuck = context.registerService(Runnable.class, this::enterLameDuckMode, props);
    }

    /** A broker outside a framework (unit tests): no lame-duck command service, no bundle names. */
    Broker(ServerRuntime server) {
        this.server = server;
        this.accounts = new Accounts();
        this.global = accounts.global;
        this.routes = new Routes(server.server().serverId, accounts);
        this.context = null;
        this.lameDuck = null;
    }

    // ---------------------------------------------------------------- in-process clients

    /** Runs in-process subscriptions' handlers, off the event loops. */
    final ThreadPoolExecutor clientExecutor = daemonPool("dialtone-client");
    private final Map<Long, InProcessClient> inProcess = new ConcurrentHashMap<>();

    /** A new in-process client in {@code account} (null or empty: the global one); {@code onClose} when it closes. */
    InProcessClient connectInProcess(String account, String name, java.util.function.Consumer<Client> onClose) {
        ServerDTO s = server.server();
        InProcessClient c = new InProcessClient(this, clientIds.incrementAndGet(), name, accounts.account(account),
                clientExecutor, s.maxPending, s.maxPayload, closed -> {
                    inProcess.remove(closed.id());
                    onClose.accept(closed);
                });
        inProcess.put(c.id(), c);
        LOG.debug("{} connected", c);
        return c;
    }

    @Deactivate
    void deactivate() {
        try {
            if (lameDuck != null) {
                lameDuck.unregister();
            }
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        for (InProcessClient c : inProcess.values()) {
            c.close();
        }
        clientExecutor.shutdownNow();
        for (ClientSession c : clients.values()) {
            c.close();
        }
        for (RouteLink r : routes.all()) {
            r.close();
        }
        authExecutor.shutdownNow();
        interceptExecutor.shutdownNow();
    }

    @Override
    public void attach(Channel channel, ClientTransport transport) {
        ClientSession session = new ClientSession(this, server.server(), clientIds.incrementAndGet(), channel,
                transport);
        channel.pipeline().addLast(SESSION_HANDLER, session);
    }

    // ---------------------------------------------------------------- routes

    @Override
    public void attachRoute(Channel channel, RouteTransport transport) {
        RouteLink route = new RouteLink(this, server.server(), clientIds.incrementAndGet(), channel, transport);
        channel.pipeline().addLast(ROUTE_HANDLER, route);
    }

    @Override
    public String serverId() {
        return server.server().serverId;
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> routeGone(String remoteId) {
        return routes.gone(remoteId);
    }

    // ---------------------------------------------------------------- gossip and the cluster's client URLs

    /** Orders changes of the cluster's client URLs and the INFOs that tell clients (never held with interestLock). */
    private final Object clusterLock = new Object();
    private volatile ClusterSettings cluster;
    /** Under {@link #clusterLock}. */
    private final ConnectUrls connectUrls = new ConnectUrls();
    private long urlsGeneration;
    /** What clients are told about the cluster; read by sessions without a lock. */
    volatile ConnectUrls.View clusterView = ConnectUrls.View.NONE;

    @Override
    public void cluster(ClusterSettings settings) {
        synchronized (clusterLock) {
            cluster = settings;
            if (settings == null) {
                connectUrls.clear();
            } else {
                connectUrls.own(settings.clientUrls());
            }
            clusterView = connectUrls.view(settings == null ? null : settings.name(), urlsGeneration);
        }
    }

    ClusterSettings clusterSettings() {
        return cluster;
    }

    @Override
    public List<String> connectUrls() {
        String[] urls = clusterView.connectUrls();
        return urls == null ? List.of() : List.of(urls);
    }

    /**
     * A registered route's client URLs join the set, or leave it ({@code add} false: the route went, or is in lame
     * duck mode); when the set changed, the clients that take async INFO are told, as nats-server tells them.
     * Returns whether the URLs were counted (not with {@code no_advertise}).
     */
    boolean routeUrls(List<String> urls, boolean add) {
        synchronized (clusterLock) {
            ClusterSettings c = cluster;
            if (urls.isEmpty() || add && (c == null || c.noAdvertise())) {
                return false;
            }
            if (add ? connectUrls.add(urls) : connectUrls.remove(urls)) {
                clusterView = connectUrls.view(c == null ? null : c.name(), ++urlsGeneration);
                for (ClientSession s : clients.values()) {
                    s.clusterChanged();
                }
            }
            return true;
        }
    }

    /**
     * A client's first PING after CONNECT: from now on it takes async INFO; if the cluster's URLs changed since its
     * greeting, it is told now (under the lock, so that no INFO it gets is older than one it got before).
     */
    void firstPing(ClientSession session) {
        synchronized (clusterLock) {
            session.takeAsyncInfo(clusterView);
        }
    }

    /**
     * A route announced a server (nats-server's INFO about a new route): unless it is this server or one a route is
     * registered to, the cluster bundle may dial it (an implicit route).
     */
    void gossip(RouteInfo about) {
        ClusterSettings c = cluster;
        String id = about.serverId();
        if (c == null || id == null || id.isEmpty() || id.equals(serverId())) {
            return;
        }
        if (routes.registered(id)) {
            return;
        }
        String url = about.string("ip");
        if (url == null || url.isEmpty()) {
            LOG.debug("Route INFO about server {} without a URL to dial", id);
            return;
        }
        try {
            c.onGossip().accept(new GossipedRoute(id, url, Objects.toString(about.string("host"), ""),
                    (int) about.number("port"), about.flag("auth_required")));
        } catch (RuntimeException e) {
            LOG.error("Implicit route to {} not dialled: {}", url, e.toString());
        }
    }

    @Override
    public List<RouteDTO> routes() {
        List<RouteDTO> list = new ArrayList<>();
        for (RouteLink r : routes.all()) {
            list.add(r.dto());
        }
        list.sort(Comparator.comparingLong(r -> r.rid));
        return list;
    }

    @Override
    public BrokerStatsDTO stats() {
        BrokerStatsDTO s = new BrokerStatsDTO();
        s.connections = clients.size();
        s.totalConnections = totalConnections.sum();
        for (Account a : accounts.all()) {
            s.subscriptions += a.index.count();
            s.subscriptionIndexNodes += a.index.nodeCount();
        }
        s.inMsgs = inMsgs.sum();
        s.outMsgs = outMsgs.sum();
        s.inBytes = inBytes.sum();
        s.outBytes = outBytes.sum();
        s.slowConsumers = slowConsumers.sum();
        s.routes = routes.all().length;
        s.lameDuckMode = lameDuckMode;
        return s;
    }

    @Override
    public List<ConnectionDTO> connections() {
        List<ConnectionDTO> list = new ArrayList<>();
        for (ClientSession c : clients.values()) {
            list.add(c.snapshot(false));
        }
        list.sort(Comparator.comparingLong(c -> c.cid));
        return list;
    }

    @Override
    public List<ConnectionDTO> closedConnections() {
        synchronized (closed) {
            return new ArrayList<>(closed);
        }
    }

    @Override
    public List<SubscriptionDTO> subscriptions() {
        List<SubscriptionDTO> list = new ArrayList<>();
        for (ClientSession c : clients.values()) {
            c.subscriptions(list);
        }
        return list;
    }

    @Override
    public SubscriptionIndexDTO subscriptionIndex() {
        Stats st = global.index.stats();
        SubscriptionIndexDTO d = new SubscriptionIndexDTO();
        d.numSubscriptions = st.numSubscriptions();
        d.numCache = st.numCache();
        d.numInserts = st.numInserts();
        d.numRemoves = st.numRemoves();
        d.numMatches = st.numMatches();
        d.cacheHitRate = st.cacheHitRate();
        d.maxFanout = st.maxFanout();
        d.avgFanout = st.avgFanout();
        return d;
    }

    /** Keeps a closed connection for /connz?state=closed; nats-server keeps the last 10,000. */
    void closed(ConnectionDTO connection) {
        synchronized (closed) {
            if (closed.size() == MAX_CLOSED) {
                closed.removeFirst();
            }
            closed.addLast(connection);
        }
    }

    boolean lameDuckMode() {
        return lameDuckMode;
    }

    /**
     * Lame-duck mode ({@code -sl ldm}), as nats-server: the listener has stopped accepting; the routes are told
     * through their INFO with {@code "ldm":true}; connected clients are told through an INFO with {@code "ldm":true}
     * and the other servers' URLs (protocol 1 clients) so they can reconnect elsewhere; after the grace
     * period they are closed one by one, spread over the rest of lame_duck_duration. Returns when all are gone (the
     * launcher then shuts down); returns at once when no client is connected.
     */
    void enterLameDuckMode() {
        lameDuckMode = true;
        LOG.info("Entering lame duck mode, stop accepting new clients");
        synchronized (clusterLock) {
            // as nats-server: the routes hear it (their clients stop being told this server's URLs), and from now on
            // this server's clients are told only the other servers' URLs
            connectUrls.own(List.of());
            for (RouteLink r : routes.all()) {
                r.lameDuck();
            }
        }
        List<ClientSession> remaining = new ArrayList<>(clients.values());
        if (remaining.isEmpty()) {
            return;
        }
        for (ClientSession c : remaining) {
            c.lameDuck();
        }
        ServerDTO settings = server.server();
        long grace = Math.min(settings.lameDuckGraceMillis, settings.lameDuckDurationMillis);
        long spread = Math.max(0, settings.lameDuckDurationMillis - grace);
        LOG.info("Closing {} existing client(s) after a grace period of {} ms, over {} ms", remaining.size(), grace,
                spread);
        try {
            Thread.sleep(grace);
            long pause = spread / remaining.size();
            for (ClientSession c : remaining) {
                c.close();
                if (pause > 0) {
                    Thread.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            remaining.forEach(ClientSession::close);
        }
    }
}
