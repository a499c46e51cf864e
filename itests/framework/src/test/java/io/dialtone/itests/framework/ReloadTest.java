package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A live reload of the configuration file (what {@code -sl reload} and SIGHUP run) inside the real framework: a new
 * max_payload reaches new clients' INFO; a user removed from the file loses its connection with nats-server's
 * {@code Authorization Violation}, while the connection of a user still listed stays untouched.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService(filter = "(" + LaunchProperties.COMMAND + "=" + LaunchProperties.COMMAND_RELOAD + ")")
    Runnable reload;
    @InjectService
    ServerRuntime server;
    @InjectService
    org.osgi.service.cm.ConfigurationAdmin configAdmin;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    private Path file() {
        return Path.of(context.getProperty(LaunchProperties.CONFIG_FILE));
    }

    private void reloadWith(String text) throws IOException {
        Files.writeString(file(), text);
        reload.run();
    }

    @AfterEach
    void emptyFileAgain() throws Exception {
        reloadWith("# emptied by ReloadTest\n");
        Await.until("no authentication and the default max_payload", WAIT, () -> {
            String info = info();
            return !info.contains("auth_required") && info.contains("\"max_payload\":1048576");
        });
    }

    private String info() {
        try (RawClient c = RawClient.connect(listener.listener().port)) {
            return c.info;
        } catch (IOException e) {
            return "";
        }
    }

    private RawClient login(String user, String pass) throws IOException {
        RawClient c = RawClient.connect(listener.listener().port);
        assertEquals("", c.send("CONNECT {\"verbose\":false,\"user\":\"" + user + "\",\"pass\":\"" + pass
                + "\"}\r\n").roundTrip(), user + " admitted");
        return c;
    }

    @Test
    void maxPayloadAndUsersChangeLive() throws Exception {
        reloadWith("max_payload: 2048\nauthorization {\n  users: [\n    {user: alice, password: a}\n"
                + "    {user: bob, password: b}\n  ]\n}\n");
        Await.until("the first file applied", WAIT, () -> info().contains("\"max_payload\":2048")
                && info().contains("\"auth_required\":true"));
        assertEquals(2048, server.server().maxPayload);
        try (RawClient alice = login("alice", "a"); RawClient bob = login("bob", "b")) {
            assertEquals("", alice.send("SUB news 1\r\n").roundTrip());

            reloadWith("max_payload: 4096\nauthorization {\n  users: [\n    {user: alice, password: a}\n  ]\n}\n");
            Await.until("the second file applied", WAIT, () -> info().contains("\"max_payload\":4096"));

            assertEquals("-ERR 'Authorization Violation'", bob.readLine(), "bob was removed");
            assertEquals(-1, bob.socket().getInputStream().read(), "and is closed");
            assertEquals("MSG news 1 2\nhi\n", alice.send("PUB news 2\r\nhi\r\n").roundTrip(),
                    "alice is untouched and still receives");
            try (RawClient again = RawClient.connect(listener.listener().port)) {
                again.send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"b\"}\r\nPING\r\n");
                assertEquals("-ERR 'Authorization Violation'", again.readLine(), "bob cannot come back");
            }
        }
    }

    @Test
    void anInvalidFileIsRefusedAndTheRunningValuesKept() throws Exception {
        reloadWith("max_payload: 3000\n");
        Await.until("applied", WAIT, () -> server.server().maxPayload == 3000);
        reloadWith("max_payload: 5000\nno_such_key: 1\n");
        // the refusal is synchronous: nothing was written to Config Admin
        assertEquals(3000, configAdmin.getConfiguration("io.dialtone.server", "?").getProperties().get("max_payload"));
        assertEquals(3000, server.server().maxPayload);
        String info = info();
        assertTrue(info.contains("\"max_payload\":3000"), info);
    }
}
