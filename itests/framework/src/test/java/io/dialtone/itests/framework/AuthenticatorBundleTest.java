package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * An authenticator bundle installed at runtime admits a user the configuration does not know; uninstalled, that
 * admission is gone for new connections, while the configured user keeps working throughout.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class AuthenticatorBundleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService
    ConfigurationAdmin configAdmin;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    private Configuration alice;

    @BeforeEach
    void aConfiguredUser() throws Exception {
        alice = configAdmin.getFactoryConfiguration("io.dialtone.auth.user", "alice", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("user", "alice");
        p.put("password", "wonderland");
        alice.update(p);
        Await.until("alice's authenticator registered", WAIT, () -> authenticators() == 1);
    }

    @AfterEach
    void noUsers() throws Exception {
        alice.delete();
        Await.until("no authenticator left", WAIT, () -> authenticators() == 0);
    }

    private int authenticators() {
        try {
            var refs = context.getServiceReferences(Authenticator.class, null);
            return refs.size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** "ok" when the server admits the CONNECT, else the -ERR it answered. */
    private String connectAs(String user, String password) throws Exception {
        try (RawClient c = RawClient.connect(listener.listener().port)) {
            assertTrue(c.info.contains("\"auth_required\":true"), c.info);
            c.send("CONNECT {\"verbose\":false,\"user\":\"" + user + "\",\"pass\":\"" + password + "\"}\r\nPING\r\n");
            String line = c.readLine();
            return line.equals("PONG") ? "ok" : line;
        }
    }

    @Test
    void aGuestIsAdmittedOnlyWhileTheBundleIsInstalled() throws Exception {
        String refused = "-ERR 'Authorization Violation'";
        assertEquals(refused, connectAs("guest", "guest"));
        assertEquals("ok", connectAs("alice", "wonderland"));

        Bundle guest = context.installBundle(Path.of(context.getProperty("dialtone.example.guest.jar")).toUri().toString());
        guest.start();
        Await.until("the guest authenticator registered", WAIT, () -> authenticators() == 2);
        assertEquals("ok", connectAs("guest", "guest"));
        assertEquals("ok", connectAs("alice", "wonderland"));
        assertEquals(refused, connectAs("guest", "wrong"));

        guest.uninstall();
        Await.until("the guest authenticator gone", WAIT, () -> authenticators() == 1);
        assertEquals(refused, connectAs("guest", "guest"));
        assertEquals("ok", connectAs("alice", "wonderland"));
    }
}
