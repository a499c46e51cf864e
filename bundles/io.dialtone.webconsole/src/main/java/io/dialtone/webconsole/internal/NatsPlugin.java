package io.dialtone.webconsole.internal;

import io.dialtone.api.runtime.AuthenticatorDTO;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.api.runtime.SubscriptionDTO;
import io.dialtone.router.Subjects;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.owasp.encoder.Encode;

/**
 * The Web Console page "NATS" ({@code /system/console/nats}): the server overview, the open connections, the
 * subscriptions with a subject tester, a live chart of message rates, and the registered interceptors and
 * authenticators with their counters and last failures. It only renders {@link ServerRuntime} and
 * {@link BrokerRuntime} snapshots: the page is a skeleton that {@code res/nats/nats.js} fills from
 * {@value #DATA} under the plugin's path, polled every second; rates are computed in the browser from successive
 * snapshots.
 */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=" + NatsPlugin.LABEL,
        ServletConstants.PLUGIN_TITLE + "=NATS",
        ServletConstants.PLUGIN_CATEGORY + "=NATS",
        ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + NatsPlugin.LABEL + "/res/nats/nats.css"})
public final class NatsPlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "nats";
    /** The JSON snapshot, below the plugin's path; {@code ?subs=1} adds the subscriptions, {@code ?test=} filters them. */
    static final String DATA = "/data.json";
    /** Subscriptions listed at most in one answer; the total is always given. */
    static final int MAX_SUBSCRIPTIONS = 1000;

    private final transient ServerRuntime serverRuntime;
    private final transient BrokerRuntime brokerRuntime;

    @Activate
    public NatsPlugin(@Reference(name = "server") ServerRuntime serverRuntime,
            @Reference(name = "broker") BrokerRuntime brokerRuntime) {
        this.serverRuntime = serverRuntime;
        this.brokerRuntime = brokerRuntime;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        if (path != null && path.endsWith(DATA)) {
            setNoCache(response);
            response.setCharacterEncoding("UTF-8");
            response.setContentType("application/json");
            response.getWriter().write(data(request.getParameter("subs") != null, request.getParameter("test")));
            return;
        }
        super.doGet(request, response); // res/...; anything else falls through to renderContent inside the console frame
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        String pluginRoot = root instanceof String s ? s : LABEL;
        ServerDTO server = serverRuntime.server();
        PrintWriter out = response.getWriter();
        out.println("<div id='nats' data-root='" + Encode.forHtmlAttribute(pluginRoot) + "'>");
        out.println("<p class='statline ui-state-highlight' id='nats-status'>NATS server "
                + Encode.forHtml(server.serverName) + "</p>");

        out.println("<h2 class='nats-h'>Server</h2>");
        out.println("<table class='nicetable nats-overview' id='nats-overview'><tbody>");
        row(out, "Server name", "serverName", server.serverName);
        row(out, "Server id", "serverId", server.serverId);
        row(out, "NATS version", "version", server.version);
        row(out, "Dialtone version", "dialtoneVersion", server.dialtoneVersion);
        row(out, "Uptime", "uptime", "");
        row(out, "Connections", "connections", "");
        row(out, "Total connections", "totalConnections", "");
        row(out, "Messages in", "inMsgs", "");
        row(out, "Messages out", "outMsgs", "");
        row(out, "Bytes in", "inBytes", "");
        row(out, "Bytes out", "outBytes", "");
        row(out, "Slow consumers", "slowConsumers", "");
        out.println("</tbody></table>");

        out.println("<h2 class='nats-h'>Message rates</h2>");
        out.println("<canvas id='nats-chart' class='nats-chart' width='720' height='180'"
                + " aria-label='Messages per second in and out, last two minutes'></canvas>");
        out.println("<p class='nats-legend'><span class='nats-key nats-in'></span> in msgs/s"
                + " <span class='nats-key nats-out'></span> out msgs/s</p>");

        out.println("<h2 class='nats-h'>Connections</h2>");
        out.println("<table class='nicetable' id='nats-connections'><thead><tr>"
                + "<th>CID</th><th>IP:port</th><th>Name</th><th>Lang/version</th><th>Subscriptions</th>"
                + "<th>Pending bytes</th><th>In msgs</th><th>Out msgs</th></tr></thead>"
                + "<tbody><tr><td colspan='8'>Loading&hellip;</td></tr></tbody></table>");

        out.println("<h2 class='nats-h'>Subscriptions</h2>");
        out.println("<p><label for='nats-test'>Subject tester: show the subscriptions that a message published on</label>"
                + " <input type='text' id='nats-test' size='40' placeholder='e.g. orders.eu.created' autocomplete='off'/>"
                + " <span id='nats-test-result'></span> would reach.</p>");
        out.println("<table class='nicetable' id='nats-subscriptions'><thead><tr>"
                + "<th>Subject</th><th>Queue</th><th>SID</th><th>CID</th><th>Account</th><th>Msgs</th><th>Max</th>"
                + "</tr></thead><tbody><tr><td colspan='7'>Loading&hellip;</td></tr></tbody></table>");

        out.println("<h2 class='nats-h'>Interceptors and authenticators</h2>");
        out.println("<div id='nats-extensions'>");
        out.println("<table class='nicetable' id='nats-interceptors'><thead><tr>"
                + "<th>Kind</th><th>Type</th><th>Bundle</th><th>Subject</th><th>Ranking</th><th>Timeout</th>"
                + "<th>Fallback</th><th>Invocations</th><th>Modified</th><th>Dropped</th><th>Failures</th>"
                + "<th>Timeouts</th><th>Last failure</th></tr></thead>"
                + "<tbody><tr><td colspan='13'>Loading&hellip;</td></tr></tbody></table>");
        out.println("<table class='nicetable' id='nats-authenticators'><thead><tr>"
                + "<th>Name</th><th>Type</th><th>Bundle</th><th>Ranking</th><th>Allowed</th><th>Denied</th>"
                + "<th>Abstained</th><th>Failures</th><th>Last failure</th></tr></thead>"
                + "<tbody><tr><td colspan='9'>Loading&hellip;</td></tr></tbody></table>");
        out.println("</div>");
        out.println("</div>");
        out.println("<script src='" + Encode.forHtmlAttribute(pluginRoot) + "/res/nats/nats.js'></script>");
    }

    private static void row(PrintWriter out, String title, String key, String value) {
        out.println("<tr><th>" + Encode.forHtml(title) + "</th><td data-key='" + Encode.forHtmlAttribute(key) + "'>"
                + Encode.forHtml(value == null ? "" : value) + "</td></tr>");
    }

    /** The interceptors and authenticators with their counters, as {@link BrokerRuntime} lists them. */
    private void extensions(Json json) {
        json.array("interceptors");
        for (InterceptorDTO i : brokerRuntime.interceptors()) {
            json.element().field("kind", i.kind).field("type", i.type).field("bundle", i.bundle)
                    .field("serviceId", i.serviceId).field("subject", i.subject).field("ranking", i.ranking)
                    .field("timeoutMillis", i.timeoutMillis).field("fallback", i.fallback)
                    .field("invocations", i.invocations).field("modified", i.modified).field("drops", i.drops)
                    .field("failures", i.failures).field("timeouts", i.timeouts).field("lastFailure", i.lastFailure)
                    .end();
        }
        json.endArray();
        json.array("authenticators");
        for (AuthenticatorDTO a : brokerRuntime.authenticators()) {
            json.element().field("name", a.name).field("type", a.type).field("bundle", a.bundle)
                    .field("serviceId", a.serviceId).field("ranking", a.ranking).field("allowed", a.allowed)
                    .field("denied", a.denied).field("abstained", a.abstained).field("failures", a.failures)
                    .field("lastFailure", a.lastFailure).end();
        }
        json.endArray();
    }

    /**
     * One snapshot as JSON: the server, its counters, the open connections, the interceptors and authenticators, and
     * on request the subscriptions.
     */
    String data(boolean withSubscriptions, String test) {
        ServerDTO server = serverRuntime.server();
        BrokerStatsDTO stats = brokerRuntime.stats();
        Json json = new Json().begin();
        json.field("now", System.currentTimeMillis());
        json.object("server").field("serverId", server.serverId).field("serverName", server.serverName)
                .field("version", server.version).field("dialtoneVersion", server.dialtoneVersion)
                .field("startMillis", server.startMillis).end();
        json.object("stats").field("connections", stats.connections).field("totalConnections", stats.totalConnections)
                .field("subscriptions", stats.subscriptions).field("inMsgs", stats.inMsgs)
                .field("outMsgs", stats.outMsgs).field("inBytes", stats.inBytes).field("outBytes", stats.outBytes)
                .field("slowConsumers", stats.slowConsumers).field("lameDuckMode", stats.lameDuckMode).end();
        json.array("connections");
        for (ConnectionDTO c : brokerRuntime.connections()) {
            json.element().field("cid", c.cid).field("ip", c.ip).field("port", c.port).field("name", c.name)
                    .field("lang", c.lang).field("version", c.version).field("subscriptions", c.subscriptions)
                    .field("pendingBytes", c.pendingBytes).field("inMsgs", c.inMsgs).field("outMsgs", c.outMsgs)
                    .end();
        }
        json.endArray();
        extensions(json);
        if (withSubscriptions || test != null) {
            boolean testing = test != null && !test.isEmpty();
            boolean valid = !testing || Subjects.isValidLiteralSubject(test);
            List<SubscriptionDTO> all = brokerRuntime.subscriptions();
            int shown = 0;
            int matched = 0;
            json.array("subscriptions");
            for (SubscriptionDTO s : all) {
                if (testing && (!valid || !Subjects.subjectMatches(test, s.subject))) {
                    continue;
                }
                matched++;
                if (shown++ < MAX_SUBSCRIPTIONS) {
                    json.element().field("subject", s.subject).field("queue", s.queue).field("sid", s.sid)
                            .field("cid", s.cid).field("account", s.account).field("msgs", s.msgs)
                            .field("max", s.max).end();
                }
            }
            json.endArray();
            json.field("subscriptionsTotal", all.size()).field("subscriptionsMatched", matched)
                    .field("subscriptionsShownMax", MAX_SUBSCRIPTIONS);
            if (testing) {
                json.object("test").field("subject", test).field("valid", valid).end();
            }
        }
        return json.end().toString();
    }
}
