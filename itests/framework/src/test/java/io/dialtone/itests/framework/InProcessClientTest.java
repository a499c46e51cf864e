package io.dialtone.itests.framework;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.client.Client;
import io.dialtone.api.client.ClientService;
import io.dialtone.api.client.MessageBatch;
import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A bundle that is not core (this test bundle) captures, through the exported io.dialtone.api.client package only,
 * every message jnats clients publish on a subject, with headers and reply subjects; and answers a jnats request.
 */
@ExtendWith(ServiceExtension.class)
class InProcessClientTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PUBLISHERS = 3;
    private static final int MESSAGES = 2000;

    @InjectService
    ClientService clients;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    @Test
    void capturesEveryMessageJnatsClientsPublish() throws Exception {
        Set<String> captured = ConcurrentHashMap.newKeySet();
        List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Client capture = clients.connect(null, "capture")) {
            capture.subscribe("audit.>", null, batch -> {
                batches.add(batch.size());
                while (batch.next()) {
                    captured.add(batch.subject() + " " + batch.reply() + " " + text(batch.headers()).contains("Who:")
                            + " " + text(batch.payload()));
                }
            });
            String url = "nats://127.0.0.1:" + listener.listener().port;
            List<Connection> publishers = new ArrayList<>();
            try {
                for (int p = 0; p < PUBLISHERS; p++) {
                    publishers.add(Nats.connect(url));
                }
                for (int i = 0; i < MESSAGES; i++) {
                    for (int p = 0; p < PUBLISHERS; p++) {
                        Connection c = publishers.get(p);
                        if (i % 2 == 0) {
                            c.publish("audit." + p, ("m" + i).getBytes(UTF_8));
                        } else {
                            c.publish(NatsMessage.builder().subject("audit." + p).replyTo("re." + i)
                                    .headers(new Headers().add("Who", "p" + p)).data("m" + i, UTF_8).build());
                        }
                    }
                }
                for (Connection c : publishers) {
                    c.flush(WAIT);
                }
            } finally {
                for (Connection c : publishers) {
                    c.close();
                }
            }
            Await.until(WAIT, () -> captured.size() == PUBLISHERS * MESSAGES,
                    () -> captured.size() + " of " + PUBLISHERS * MESSAGES + " captured");
        }
        Set<String> expected = new TreeSet<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            for (int i = 0; i < MESSAGES; i++) {
                expected.add(i % 2 == 0 ? "audit." + p + " null false m" + i
                        : "audit." + p + " re." + i + " true m" + i);
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(captured);
        Set<String> unexpected = new TreeSet<>(captured);
        unexpected.removeAll(expected);
        assertEquals("[] []", first(missing) + " " + first(unexpected), "missing, then unexpected (the first few)");
        assertEquals(PUBLISHERS * MESSAGES, batches.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void answersAJnatsRequest() throws Exception {
        try (Client service = clients.connect(null, "time-service")) {
            service.subscribe("svc.upper", "workers", batch -> answer(service, batch));
            try (Connection c = Nats.connect("nats://127.0.0.1:" + listener.listener().port)) {
                Message reply = c.request("svc.upper", "hello".getBytes(UTF_8), WAIT);
                assertEquals("HELLO", new String(reply.getData(), UTF_8));
            }
        }
    }

    private static void answer(Client service, MessageBatch batch) {
        while (batch.next()) {
            service.publish(batch.reply(), null, (byte[]) null, text(batch.payload()).toUpperCase().getBytes(UTF_8));
        }
    }

    private static String first(Set<String> set) {
        return set.stream().limit(5).toList().toString();
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, UTF_8);
    }
}
