package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerFeature;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A feature registered by a bundle (here the test bundle, standing in for JetStream) reaches INFO, /varz and /jsz while
 * it is registered, and they are nats-server's "off" forms again once it is gone.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ServerFeatureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService
    ConfigurationAdmin configAdmin;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    /** The INFO a new client is greeted with. */
    private String info() throws Exception {
        try (RawClient c = RawClient.connect(listener.listener().port)) {
            return c.info;
        }
    }

    @Test
    void aFeatureAddsToInfoVarzAndJszWhileRegistered() throws Exception {
        ServerFeature jetstream = new ServerFeature() {
            @Override
            public String name() {
                return "jetstream";
            }

            @Override
            public Map<String, Object> info() {
                return Map.of("jetstream", true);
            }

            @Override
            public Map<String, Object> varz() {
                return Map.of("config", Map.of("max_memory", 1024L));
            }

            @Override
            public Map<String, Object> details() {
                return Map.of("streams", 7L);
            }
        };
        assertFalse(info().contains("jetstream"), "off before");
        ServiceRegistration<ServerFeature> reg = context.registerService(ServerFeature.class, jetstream, null);
        try (MonitorEndpoint monitor = MonitorEndpoint.open(configAdmin)) {
            Await.until("INFO says jetstream", WAIT, () -> {
                try {
                    return info().contains(",\"jetstream\":true,\"client_id\":");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            String varz = monitor.get("/varz");
            assertTrue(varz.replaceAll("\\s", "").contains("\"jetstream\":{\"config\":{\"max_memory\":1024}}"), varz);
            String jsz = monitor.get("/jsz");
            assertTrue(jsz.contains("\"streams\": 7") && !jsz.contains("disabled"), jsz);
            reg.unregister();
            reg = null;
            Await.until("INFO without jetstream", WAIT, () -> {
                try {
                    return !info().contains("jetstream");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(monitor.get("/jsz").contains("\"disabled\": true"), "off again");
        } finally {
            if (reg != null) {
                reg.unregister();
            }
        }
    }
}
