package io.dialtone.core.internal;

import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.intercept.ConnectionListener;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.SubscriptionDTO;
import io.dialtone.api.runtime.SubscriptionIndexDTO;
import io.dialtone.router.Stats;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.core.transport.ClientSessions;
import io.dialtone.core.transport.ClientTransport;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.BundleContext;
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
@Component(service = {ClientSessions.class, BrokerRuntime.class})
public final class Broker implements ClientSessions, BrokerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    final ServerRuntime server;
    final Account global = new Account(Account.GLOBAL);
    final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
    final LongAdder inMsgs = new LongAdder();
    final LongAdder inBytes = new LongAdder();
    final LongAdder outMsgs = new LongAdder();
    final LongAdder outBytes = new LongAdder();
    final LongAdder slowConsumers = new LongAdder();
    final LongAdder totalConnections = new LongAdder();
    private final AtomicLong clientIds = new AtomicLong();
    private static final int MAX_CLOSED = 10_000;
    private final ArrayDeque<ConnectionDTO> closed = new ArrayDeque<>();
    private final ServiceRegistration<Runnable> lameDuck;
    private volatile boolean lameDuckMode;
    /** Authenticators, lowest ranking first (DS's order); an immutable snapshot replaced as services come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    volatile List<Map.Entry<Map<String, Object>, Authenticator>> authenticators = List.of();
    /** The publish interceptors (copy-on-write snapshot). */
    final Interceptors interceptors = new Interceptors();
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
        Map<String, Object> p = new java.util.HashMap<>(props);
        Object id = props.get(org.osgi.framework.Constants.SERVICE_BUNDLEID);
        org.osgi.framework.Bundle b = id instanceof Long ? context.getBundle((Long) id) : null;
        if (b != null) {
            p.put("dialtone.bundle", b.getSymbolicName());
        }
        interceptors.add(interceptor, p);
        LOG.info("Publish interceptor {} from {} on \"{}\"", interceptor.getClass().getName(), p.get("dialtone.bundle"),
                props.getOrDefault(PublishInterceptor.SUBJECT, ">"));
    }

    void removePublishInterceptor(PublishInterceptor interceptor) {
        interceptors.remove(interceptor);
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
        return interceptors.dtos();
    }

    @Activate
    public Broker(BundleContext context, @Reference ServerRuntime server) {
        this.server = server;
        this.context = context;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(LaunchProperties.COMMAND, LaunchProperties.COMMAND_LAME_DUCK);
        this.lameDuck = context.registerService(Runnable.class, this::enterLameDuckMode, props);
    }

    @Deactivate
    void deactivate() {
        try {
            lameDuck.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        for (ClientSession c : clients.values()) {
            c.close();
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

    @Override
    public BrokerStatsDTO stats() {
        BrokerStatsDTO s = new BrokerStatsDTO();
        s.connections = clients.size();
        s.totalConnections = totalConnections.sum();
        s.subscriptions = global.index.count();
        s.subscriptionIndexNodes = global.index.nodeCount();
        s.inMsgs = inMsgs.sum();
        s.outMsgs = outMsgs.sum();
        s.inBytes = inBytes.sum();
        s.outBytes = outBytes.sum();
        s.slowConsumers = slowConsumers.sum();
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
     * Lame-duck mode ({@code -sl ldm}), as nats-server: the listener has stopped accepting; connected clients are told
     * through an INFO with {@code "ldm":true} (protocol 1 clients) so they can reconnect elsewhere; after the grace
     * period they are closed one by one, spread over the rest of lame_duck_duration. Returns when all are gone (the
     * launcher then shuts down); returns at once when no client is connected.
     */
    void enterLameDuckMode() {
        lameDuckMode = true;
        LOG.info("Entering lame duck mode, stop accepting new clients");
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
