package io.dialtone.monitor.internal;

import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ServerDTO;

/**
 * /metrics in the Prometheus text exposition format (0.0.4). nats-server has no such endpoint; every name starts with
 * {@code dialtone_}, counters end in {@code _total}.
 */
final class MetricsWriter {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsWriter() {
    }

    static String write(ServerDTO server, BrokerStatsDTO s) {
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
        return b.toString();
    }

    private static void metric(StringBuilder b, String name, String type, String help, double value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
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
