package io.dialtone.monitor.internal;

import io.dialtone.api.runtime.AuthenticatorDTO;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.InterceptorDTO;
import io.dialtone.api.runtime.ServerDTO;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * /metrics in the Prometheus text exposition format (0.0.4). nats-server has no such endpoint; every name starts with
 * {@code dialtone_}, counters end in {@code _total}.
 */
final class MetricsWriter {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsWriter() {
    }

    static String write(ServerDTO server, BrokerStatsDTO s, List<InterceptorDTO> interceptors,
            List<AuthenticatorDTO> authenticators) {
        StringBuilder b = new StringBuilder(2048);
        b.append("# HELP dialtone_info The server's identity; always 1.\n# TYPE dialtone_info gauge\n");
        b.append("dialtone_info{server_id=\"").append(label(server.serverId)).append("\",server_name=\"")
                .append(label(server.serverName)).append("\",version=\"").append(label(server.version))
                .append("\",dialtone_version=\"").append(label(server.dialtoneVersion)).append("\"} 1\n");
        metric(b, "dialtone_start_time_seconds", "gauge", "Start time, seconds since the epoch.",
                server.startMillis / 1000.0);
        metric(b, "dialtone_connections", "gauge", "Client connections open now.", s.connections);
        metric(b, "dialtone_connections_total", "counter", "Client connections accepted since start.",
                s.totalConnections);
        metric(b, "dialtone_subscriptions", "gauge", "Subscriptions in all accounts.", s.subscriptions);
        metric(b, "dialtone_in_msgs_total", "counter", "Messages received from clients.", s.inMsgs);
        metric(b, "dialtone_out_msgs_total", "counter", "Messages delivered to clients.", s.outMsgs);
        metric(b, "dialtone_in_bytes_total", "counter", "Payload bytes received from clients.", s.inBytes);
        metric(b, "dialtone_out_bytes_total", "counter", "Payload bytes delivered to clients.", s.outBytes);
        metric(b, "dialtone_slow_consumers_total", "counter", "Clients closed as slow consumers.", s.slowConsumers);
        metric(b, "dialtone_lame_duck_mode", "gauge", "1 while the server is in lame-duck mode.",
                s.lameDuckMode ? 1 : 0);
        interceptors(b, interceptors);
        authenticators(b, authenticators);
        return b.toString();
    }

    /** One series per interceptor and counter, labelled with what identifies the interceptor. */
    private static void interceptors(StringBuilder b, List<InterceptorDTO> list) {
        interceptorCounter(b, list, "invocations", "Messages handed to the interceptor.", i -> i.invocations);
        interceptorCounter(b, list, "modified", "Messages the interceptor changed.", i -> i.modified);
        interceptorCounter(b, list, "dropped", "Messages the interceptor dropped.", i -> i.drops);
        interceptorCounter(b, list, "failures", "Calls that failed (the fallback applied).", i -> i.failures);
        interceptorCounter(b, list, "timeouts", "Calls that timed out (the fallback applied).", i -> i.timeouts);
    }

    private static void interceptorCounter(StringBuilder b, List<InterceptorDTO> list, String what, String help,
            ToLongFunction<InterceptorDTO> value) {
        String name = "dialtone_interceptor_" + what + "_total";
        head(b, name, "counter", help);
        for (InterceptorDTO i : list) {
            b.append(name).append("{kind=\"").append(label(i.kind)).append("\",type=\"").append(label(i.type))
                    .append("\",bundle=\"").append(label(i.bundle)).append("\",service_id=\"").append(i.serviceId)
                    .append("\",subject=\"").append(label(i.subject)).append("\"} ").append(value.applyAsLong(i))
                    .append('\n');
        }
    }

    /** Each authenticator's decisions by outcome, and its failures. */
    private static void authenticators(StringBuilder b, List<AuthenticatorDTO> list) {
        String decisions = "dialtone_authenticator_decisions_total";
        head(b, decisions, "counter", "CONNECTs the authenticator decided on, by decision.");
        for (AuthenticatorDTO a : list) {
            authenticator(b, decisions, a, "allow").append(a.allowed).append('\n');
            authenticator(b, decisions, a, "deny").append(a.denied).append('\n');
            authenticator(b, decisions, a, "abstain").append(a.abstained).append('\n');
        }
        String failures = "dialtone_authenticator_failures_total";
        head(b, failures, "counter", "Calls of the authenticator that threw (it then abstains).");
        for (AuthenticatorDTO a : list) {
            authenticator(b, failures, a, null).append(a.failures).append('\n');
        }
    }

    private static StringBuilder authenticator(StringBuilder b, String name, AuthenticatorDTO a, String decision) {
        b.append(name).append("{name=\"").append(label(a.name)).append("\",type=\"").append(label(a.type))
                .append("\",bundle=\"").append(label(a.bundle)).append("\",service_id=\"").append(a.serviceId)
                .append('"');
        if (decision != null) {
            b.append(",decision=\"").append(decision).append('"');
        }
        return b.append("} ");
    }

    private static void head(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void metric(StringBuilder b, String name, String type, String help, double value) {
        head(b, name, type, help);
        b.append(name).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            b.append((long) value);
        } else {
            b.append(value);
        }
        b.append('\n');
    }

    private static String label(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
