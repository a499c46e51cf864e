package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The limits that only configuration can set, each with nats-server's -ERR text and close-or-not, set live through
 * Config Admin (new connections see them).
 */
@ExtendWith(ServiceExtension.class)
class LimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectService
    ConfigurationAdmin configAdmin;
    @InjectService
    ServerRuntime server;
    @InjectService
    BrokerRuntime broker;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    @AfterEach
    void defaults() throws Exception {
        Configuration c = configAdmin.getConfiguration("io.dialtone.server", "?");
        if (c.getProperties() != null) {
            c.delete();
        }
        // every limit a test sets: the next test's update must not race this deletion (Config Admin applies both
        // asynchronously, and an update made while the deletion is pending can be lost)
        Await.until("defaults back", WAIT, () -> server.server().maxConnections == 65536
                && server.server().maxPayload == 1048576 && server.server().pingIntervalMillis == 120_000
                && server.server().maxControlLine == 4096 && server.server().maxSubscriptions == 0
                && server.server().pingMax == 2);
    }

    private void configure(Map<String, Object> settings) throws Exception {
        Configuration c = configAdmin.getConfiguration("io.dialtone.server", "?");
        c.update(new Hashtable<>(settings));
        Await.until("settings applied " + settings, WAIT, () -> server.server().maxPayload
                == (int) settings.getOrDefault("max_payload", 1048576)
                && server.server().maxConnections == (int) settings.getOrDefault("max_connections", 65536)
                && server.server().maxSubscriptions == (int) settings.getOrDefault("max_subscriptions", 0)
                && server.server().maxControlLine == (int) settings.getOrDefault("max_control_line", 4096)
                && server.server().pingMax == (int) settings.getOrDefault("ping_max", 2));
    }

    private int port() {
        return listener.listener().port;
    }

    @Test
    void maximumConnectionsExceeded() throws Exception {
        configure(Map.of("max_connections", 2));
        try (RawClient a = RawClient.connect(port()); RawClient b = RawClient.connect(port())) {
            a.send("CONNECT {\"verbose\":false}\r\n").roundTrip();
            b.send("CONNECT {\"verbose\":false}\r\n").roundTrip();
            try (RawClient c = RawClient.connect(port())) { // the INFO still comes first
                assertEquals("-ERR 'maximum connections exceeded'", c.readLine());
                assertEquals(-1, c.socket().getInputStream().read(), "then the server closes");
            }
        }
    }

    @Test
    void maximumSubscriptionsExceededKeepsTheConnection() throws Exception {
        configure(Map.of("max_subscriptions", 2));
        try (RawClient c = RawClient.connect(port())) {
            String seen = c.send("CONNECT {\"verbose\":false}\r\nSUB a 1\r\nSUB b 2\r\nSUB c 3\r\n").roundTrip();
            assertEquals("-ERR 'maximum subscriptions exceeded'\n", seen);
            assertEquals("", c.send("PUB a 2\r\nhi\r\n").roundTrip().replace("MSG a 1 2\nhi\n", ""),
                    "the connection still works");
        }
    }

    @Test
    void maxPayloadFromConfigReachesInfoAndIsEnforced() throws Exception {
        configure(Map.of("max_payload", 1024));
        try (RawClient c = RawClient.connect(port())) {
            assertTrue(c.info.contains("\"max_payload\":1024"), c.info);
            c.send("CONNECT {\"verbose\":false}\r\nPUB a 1025\r\n");
            assertEquals("-ERR 'Maximum Payload Violation'", c.readLine());
            assertEquals(-1, c.socket().getInputStream().read(), "then the server closes");
        }
    }

    @Test
    void maximumControlLineExceeded() throws Exception {
        configure(Map.of("max_control_line", 64));
        try (RawClient c = RawClient.connect(port())) {
            c.send("CONNECT {\"verbose\":false}\r\nSUB " + "a".repeat(100) + " 1\r\n");
            assertEquals("-ERR 'maximum control line exceeded'", c.readLine());
            assertEquals(-1, c.socket().getInputStream().read(), "then the server closes");
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsStale() throws Exception {
        configure(Map.of("ping_interval", "100ms", "ping_max", 1));
        try (RawClient c = RawClient.connect(port())) {
            c.send("CONNECT {\"verbose\":false}\r\n");
            assertEquals("PING", c.readLine());
            assertEquals("-ERR 'Stale Connection'", c.readLine());
            assertEquals(-1, c.socket().getInputStream().read(), "then the server closes");
            long cid = Long.parseLong(c.info.replaceAll(".*\"client_id\":(\\d+).*", "$1"));
            Await.until("the closed connection is listed with its reason", WAIT, () -> broker.closedConnections()
                    .stream().anyMatch(k -> k.cid == cid && "Stale Connection".equals(k.reason) && k.stopMillis > 0));
        }
    }

    @Test
    void aClientThatAnswersPingsStays() throws Exception {
        configure(Map.of("ping_interval", "100ms", "ping_max", 1));
        try (RawClient c = RawClient.connect(port())) {
            c.send("CONNECT {\"verbose\":false}\r\n");
            for (int i = 0; i < 3; i++) {
                assertEquals("PING", c.readLine());
                c.send("PONG\r\n");
            }
            assertEquals("", c.roundTrip().replace("PING\n", ""));
        }
    }
}
