package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.AuthenticatorDTO;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Each authenticator's decisions and failures are counted and listed, in the runtime view and on /extensionz. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class AuthenticatorStatsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService
    BrokerRuntime broker;
    @InjectService
    ConfigurationAdmin configAdmin;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    /** Throws for user "crash", abstains otherwise. */
    static final class Fragile implements Authenticator {
        @Override
        public AuthDecision authenticate(io.dialtone.api.auth.ConnectAttempt attempt) {
            if ("crash".equals(attempt.user())) {
                throw new IllegalStateException("fragile fell over");
            }
            return AuthDecision.abstain();
        }
    }

    /** Admits "ok", refuses everyone else. */
    static final class Strict implements Authenticator {
        @Override
        public AuthDecision authenticate(io.dialtone.api.auth.ConnectAttempt attempt) {
            return "ok".equals(attempt.user()) ? AuthDecision.allow("ok", null) : AuthDecision.deny("not ok");
        }
    }

    @Test
    void decisionsAndFailuresAreCountedPerAuthenticatorAndListed() throws Exception {
        ServiceRegistration<?> fragile = register(new Fragile(), 10);
        ServiceRegistration<?> strict = register(new Strict(), 5);
        try (MonitorEndpoint monitor = MonitorEndpoint.open(configAdmin)) {
            Await.until("both authenticators listed", WAIT, () -> broker.authenticators().size() == 2);
            assertEquals("ok", connectAs("ok"));
            assertEquals("-ERR 'Authorization Violation'", connectAs("bad"));
            assertEquals("-ERR 'Authorization Violation'", connectAs("crash"));

            List<AuthenticatorDTO> dtos = broker.authenticators();
            assertEquals(List.of(Fragile.class.getName(), Strict.class.getName()),
                    dtos.stream().map(a -> a.type).toList(), "in the order they are asked");
            AuthenticatorDTO first = dtos.get(0);
            assertEquals(10, first.ranking);
            assertEquals(2, first.abstained);
            assertEquals(1, first.failures);
            assertEquals(0, first.allowed + first.denied);
            assertTrue(first.lastFailure.contains("fragile fell over"), first.lastFailure);
            AuthenticatorDTO second = dtos.get(1);
            assertEquals(1, second.allowed);
            assertEquals(2, second.denied, "bad, and crash after the first one failed");
            assertEquals("dialtone-itests-framework-tests", second.bundle);

            List<Map<String, String>> listed = monitor.objects("/extensionz", "authenticators");
            assertEquals(2, listed.size(), listed.toString());
            assertEquals(Fragile.class.getName(), listed.get(0).get("name"));
            assertEquals("1", listed.get(0).get("failures"));
            assertEquals("2", listed.get(0).get("abstained"));
            assertEquals(first.lastFailure, listed.get(0).get("last_failure"));
            assertEquals("1", listed.get(1).get("allowed"));
            assertEquals("2", listed.get(1).get("denied"));
            String metrics = monitor.get("/metrics");
            assertTrue(metrics.contains("dialtone_authenticator_decisions_total{name=\"" + Strict.class.getName()
                    + "\",type=\"" + Strict.class.getName() + "\",bundle=\"dialtone-itests-framework-tests\","
                    + "service_id=\"" + second.serviceId + "\",decision=\"deny\"} 2\n"), metrics);
        } finally {
            fragile.unregister();
            strict.unregister();
        }
        Await.until("no authenticator listed", WAIT, () -> broker.authenticators().isEmpty());
    }

    private ServiceRegistration<?> register(Authenticator a, int ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(Authenticator.class, a, props);
    }

    /** "ok" when the server admits the CONNECT, else the -ERR it answered. */
    private String connectAs(String user) throws Exception {
        try (RawClient c = RawClient.connect(listener.listener().port)) {
            c.send("CONNECT {\"verbose\":false,\"user\":\"" + user + "\",\"pass\":\"x\"}\r\nPING\r\n");
            String line = c.readLine();
            return line.equals("PONG") ? "ok" : line;
        }
    }
}
