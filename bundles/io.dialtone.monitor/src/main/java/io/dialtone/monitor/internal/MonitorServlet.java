package io.dialtone.monitor.internal;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.ClusterRuntime;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.ServerFeature;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.api.runtime.SubscriptionDTO;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * nats-server's monitoring endpoints on the HTTP whiteboard. Each request takes fresh snapshots from the runtime
 * services and renders them with the writers of this package; nothing is cached.
 */
@Component(service = Servlet.class, configurationPid = HttpActivation.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
            "osgi.http.whiteboard.servlet.name=io.dialtone.monitor",
            "osgi.http.whiteboard.servlet.pattern=/varz",
            "osgi.http.whiteboard.servlet.pattern=/connz",
            "osgi.http.whiteboard.servlet.pattern=/subsz",
            "osgi.http.whiteboard.servlet.pattern=/subscriptionsz",
            "osgi.http.whiteboard.servlet.pattern=/healthz",
            "osgi.http.whiteboard.servlet.pattern=/accountz",
            "osgi.http.whiteboard.servlet.pattern=/routez",
            "osgi.http.whiteboard.servlet.pattern=/gatewayz",
            "osgi.http.whiteboard.servlet.pattern=/leafz",
            "osgi.http.whiteboard.servlet.pattern=/jsz",
            "osgi.http.whiteboard.servlet.pattern=/metrics",
            "osgi.http.whiteboard.servlet.pattern=/extensionz",
            "osgi.http.whiteboard.servlet.pattern=/"
        })
public final class MonitorServlet extends HttpServlet {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitorServlet.class);

    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json";
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,127}");
    /** The paths counted in /varz's http_req_stats, under nats-server's names (/subscriptionsz counts as /subsz). */
    private static final Set<String> COUNTED = Set.of("/", "/varz", "/connz", "/subsz", "/healthz", "/accountz",
            "/routez", "/gatewayz", "/leafz", "/jsz");

    private final transient ServerRuntime server;
    private final transient BrokerRuntime broker;
    private final transient BundleContext context;
    private final transient ProcessStats process = new ProcessStats();
    private final transient Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private transient volatile HttpSettings http;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    private transient volatile ListenerRuntime listener;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ClusterRuntime cluster;

    /** Features other bundles add (JetStream, ...): their /varz blocks and endpoints. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<ServerFeature> features = List.of();

    @Activate
    public MonitorServlet(BundleContext context, @Reference(name = "server") ServerRuntime server,
            @Reference(name = "broker") BrokerRuntime broker,
            HttpActivation.Config config) {
        this.context = context;
        this.server = server;
        this.broker = broker;
        this.http = HttpSettings.of(config, context);
    }

    /** The /varz blocks of the registered features, by name; a feature that throws is left out. */
    private Map<String, Map<String, Object>> featureBlocks() {
        Map<String, Map<String, Object>> blocks = new java.util.LinkedHashMap<>();
        for (ServerFeature f : features) {
            try {
                blocks.put(f.name(), f.varz());
            } catch (RuntimeException e) {
                LOG.error("Server feature {} failed to give its /varz block", f.getClass().getName(), e);
            }
        }
        return blocks;
    }

    /** The endpoint body of the feature named, or empty when none is registered (or it failed). */
    private Map<String, Object> featureDetails(String name) {
        for (ServerFeature f : features) {
            try {
                if (name.equals(f.name())) {
                    return f.details();
                }
            } catch (RuntimeException e) {
                LOG.error("Server feature {} failed to give its details", f.getClass().getName(), e);
            }
        }
        return Map.of();
    }

    @Modified
    void modified(HttpActivation.Config config) {
        this.http = HttpSettings.of(config, context);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.isEmpty()) {
            path = "/";
        }
        String counted = path.equals("/subscriptionsz") ? "/subsz" : path;
        if (COUNTED.contains(counted)) {
            requests.computeIfAbsent(counted, k -> new LongAdder()).increment();
        }
        Params params = req::getParameter;
        try {
            switch (path) {
                case "/" -> send(resp, "text/html; charset=utf-8",
                        RootPage.html(server.server().version, server.server().dialtoneVersion));
                case "/metrics" -> send(resp, MetricsWriter.CONTENT_TYPE,
                        MetricsWriter.write(server.server(), broker.stats(), broker.interceptors(),
                                broker.authenticators()));
                case "/healthz" -> json(req, resp, Json.compact(FeatureWriters::healthz));
                default -> {
                    String body = render(path, params);
                    if (body == null) {
                        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                    } else {
                        json(req, resp, body);
                    }
                }
            }
        } catch (BadRequest e) {
            send(resp, "text/plain; charset=utf-8", e.getMessage(),
                    HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    /** The JSON of a monitoring endpoint, or null when the path is not one. */
    String render(String path, Params params) throws BadRequest {
        ServerDTO s = server.server();
        Instant now = Instant.now();
        switch (path) {
            case "/varz": {
                ListenerRuntime l = listener;
                ListenerDTO client = l == null ? null : l.listener();
                ClusterRuntime c = cluster;
                VarzWriter.Varz v = new VarzWriter.Varz(s, broker.stats(), client, c == null ? null : c.cluster(),
                        http, runtime(), process.memory(), process.cpu(), requestCounts(), now, featureBlocks());
                return Json.indented(g -> VarzWriter.write(g, v));
            }
            case "/connz": {
                ConnzQuery q = ConnzQuery.parse(params);
                List<ConnectionDTO> open = q.state() == ConnzQuery.State.CLOSED ? List.of() : broker.connections();
                List<ConnectionDTO> closed = q.state() == ConnzQuery.State.OPEN ? List.of() : broker.closedConnections();
                Map<Long, List<SubscriptionDTO>> subs = q.subsDetail() ? byConnection(broker.subscriptions()) : Map.of();
                ConnzWriter.Connz z = new ConnzWriter.Connz(s.serverId, now, q, open, closed, subs);
                return Json.indented(g -> ConnzWriter.write(g, z));
            }
            case "/subsz":
            case "/subscriptionsz": {
                SubszWriter.Query q = SubszWriter.Query.parse(params);
                List<SubscriptionDTO> all = q.subs() ? broker.subscriptions() : List.of();
                return Json.indented(g -> SubszWriter.write(g, s.serverId, now, q, broker.subscriptionIndex(), all));
            }
            case "/accountz":
                return Json.indented(g -> FeatureWriters.accountz(g, s.serverId, now, params.string("acc"),
                        s.startMillis, broker.stats().connections, broker.subscriptionIndex()));
            case "/routez":
                return Json.indented(g -> FeatureWriters.routez(g, s.serverId, now, broker.routes(),
                        "1".equals(params.get("subs")) || "true".equals(params.get("subs"))));
            case "/gatewayz":
                return Json.indented(g -> FeatureWriters.gatewayz(g, s.serverId, now));
            case "/leafz":
                return Json.indented(g -> FeatureWriters.leafz(g, s.serverId, now));
            case "/jsz": {
                Map<String, Object> details = featureDetails("jetstream");
                return Json.indented(g -> FeatureWriters.jsz(g, s.serverId, now, details));
            }
            case "/extensionz":
                return Json.indented(g -> ExtensionzWriter.write(g, s.serverId, now, broker.interceptors(),
                        broker.authenticators()));
            default:
                return null;
        }
    }

    private Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    private static Map<Long, List<SubscriptionDTO>> byConnection(List<SubscriptionDTO> subs) {
        Map<Long, List<SubscriptionDTO>> map = new HashMap<>();
        for (SubscriptionDTO s : subs) {
            map.computeIfAbsent(s.cid, k -> new ArrayList<>()).add(s);
        }
        map.values().forEach(l -> l.sort((a, b) -> compareSids(a.sid, b.sid)));
        return map;
    }

    private static int compareSids(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** nats-server's JSONP: with {@code callback}, {@code cb(json)} as application/javascript. */
    private static void json(HttpServletRequest req, HttpServletResponse resp, String body) throws IOException {
        String callback = req.getParameter("callback");
        if (callback == null || callback.isEmpty()) {
            send(resp, JSON, body);
        } else if (CALLBACK.matcher(callback).matches()) {
            send(resp, "application/javascript", callback + "(" + body + ")");
        } else {
            send(resp, "text/plain; charset=utf-8", "invalid callback: " + callback, HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private static void send(HttpServletResponse resp, String type, String body) throws IOException {
        send(resp, type, body, HttpServletResponse.SC_OK);
    }

    private static void send(HttpServletResponse resp, String type, String body, int status) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static String runtime() {
        return "java" + Runtime.version().feature();
    }
}
