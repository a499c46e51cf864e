package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.intercept.ConnectionListener;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Connect and disconnect notifications reach a listener registered at runtime, with nats-server's close reason. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ConnectionListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    @Test
    void aListenerHearsAClientComeAndGo() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ConnectionListener recorder = new ConnectionListener() {
            @Override
            public void connected(ConnectionDTO c) {
                events.add("connected " + c.name);
            }

            @Override
            public void disconnected(ConnectionDTO c) {
                events.add("disconnected " + c.name + " " + c.reason);
            }
        };
        ServiceRegistration<ConnectionListener> reg = context.registerService(ConnectionListener.class, recorder, null);
        try {
            try (RawClient c = RawClient.connect(listener.listener().port)) {
                c.send("CONNECT {\"verbose\":false,\"name\":\"listener-test\"}\r\n").roundTrip();
                Await.until("the connect event", WAIT, () -> events.contains("connected listener-test"));
            }
            Await.until("the disconnect event", WAIT, () -> events.size() == 2);
            assertEquals(List.of("connected listener-test", "disconnected listener-test Client Closed"), events);
        } finally {
            reg.unregister();
        }
    }
}
