package io.dialtone.monitor.internal;

/** The HTML index at {@code /}, linking the endpoints as nats-server's does. */
final class RootPage {

    private static final String[][] LINKS = {
        {"varz", "General"}, {"jsz", "JetStream"}, {"connz", "Connections"}, {"accountz", "Accounts"},
        {"subsz", "Subscriptions"}, {"routez", "Routes"}, {"leafz", "LeafNodes"}, {"gatewayz", "Gateways"},
        {"healthz", "Health Probe"}, {"metrics", "Metrics (Prometheus)"},
        {"extensionz", "Extensions (interceptors, authenticators)"},
    };

    private RootPage() {
    }

    static String html(String version, String dialtoneVersion) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<html lang=\"en\">\n<head>\n<title>Dialtone monitoring</title>\n<style type=\"text/css\">\n")
                .append("body { font-family: ui-sans-serif,system-ui,sans-serif; margin-left: 32px }\n")
                .append("a { display:block; margin-left: 7px; padding-bottom: 6px; text-decoration: none }\n")
                .append("</style>\n</head>\n<body>\n<h1>Dialtone</h1>\n<p>v").append(escape(dialtoneVersion))
                .append(" (NATS server v").append(escape(version)).append(")</p>\n");
        for (String[] l : LINKS) {
            b.append("<a href=./").append(l[0]).append('>').append(l[1]).append("</a>\n");
        }
        b.append("<a href=https://docs.nats.io/running-a-nats-service/nats_admin/monitoring>Help</a>\n")
                .append("</body>\n</html>\n");
        return b.toString();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
