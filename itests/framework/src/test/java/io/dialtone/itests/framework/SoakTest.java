package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.BrokerStatsDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import io.netty.buffer.AbstractByteBuf;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Hundreds of connections subscribing, publishing, unsubscribing and disconnecting at random, on loopback, for a
 * bounded time (system property {@code dialtone.soak.seconds}, default 30). Afterwards: Netty's leak detector (at
 * PARANOID for this framework, see itests.bndrun) reported no leaked buffer, and the subscription index is empty
 * again: no subscriptions, no trie nodes, no connections.
 */
@ExtendWith(ServiceExtension.class)
class SoakTest {

    private static final int CONNECTIONS = 200;
    private static final String[] SUBJECTS = {"soak.a", "soak.b", "soak.c.d", "soak.*", "soak.>", "soak.*.d", "other"};

    @InjectService
    BrokerRuntime broker;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    @Test
    void randomTrafficLeavesNoLeakedBuffersAndAnEmptyIndex() throws Exception {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
        List<String> leaks = new CopyOnWriteArrayList<>();
        leakDetector().setLeakListener((type, records) -> leaks.add(type + ": " + records));

        long seconds = Long.getLong("dialtone.soak.seconds", 30);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int port = listener.listener().port;
        AtomicLong operations = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            long seed = c;
            clients.add(pool.submit(() -> {
                Random random = new Random(seed);
                while (System.nanoTime() < deadline) {
                    session(port, random, deadline, operations);
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get(seconds + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(operations.get() > CONNECTIONS, "the soak did work: " + operations.get() + " operations");

        Await.until(Duration.ofSeconds(30), () -> {
            BrokerStatsDTO s = broker.stats();
            return s.connections == 0 && s.subscriptions == 0 && s.subscriptionIndexNodes == 0;
        }, () -> "an empty server, but: connections=" + broker.stats().connections + " subscriptions="
                + broker.stats().subscriptions + " index nodes=" + broker.stats().subscriptionIndexNodes);

        // Leaks are reported when the leaked buffer is collected: collect, then allocate so the detector polls.
        for (int i = 0; i < 5 && leaks.isEmpty(); i++) {
            System.gc();
            io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(64).release();
        }
        assertEquals(List.of(), leaks, "Netty's leak detector found leaked buffers");
    }

    /** One connection's life: a random number of random operations, then a random way of leaving. */
    private static void session(int port, Random random, long deadline, AtomicLong operations) {
        try (RawClient c = RawClient.connect(port)) {
            c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\n");
            int sid = 0;
            int ops = 1 + random.nextInt(40);
            for (int i = 0; i < ops && System.nanoTime() < deadline; i++) {
                switch (random.nextInt(6)) {
                    case 0:
                    case 1:
                        String q = random.nextBoolean() ? "" : " q" + random.nextInt(3);
                        c.send("SUB " + SUBJECTS[random.nextInt(SUBJECTS.length)] + q + " " + (++sid) + "\r\n");
                        break;
                    case 2:
                        if (sid > 0) {
                            c.send("UNSUB " + (1 + random.nextInt(sid)) + (random.nextBoolean() ? "" : " 2") + "\r\n");
                        }
                        break;
                    case 3:
                        c.send("HPUB " + SUBJECTS[random.nextInt(3)] + " 12 17\r\nNATS/1.0\r\n\r\nhello\r\n");
                        break;
                    default:
                        String body = "x".repeat(random.nextInt(2000));
                        c.send("PUB " + SUBJECTS[random.nextInt(3)] + " " + body.length() + "\r\n" + body + "\r\n");
                }
                operations.incrementAndGet();
                if (random.nextInt(10) == 0) {
                    c.roundTrip(); // sometimes read what arrived
                }
            }
            if (random.nextBoolean()) {
                c.roundTrip();
            } // else: leave abruptly, with unread messages in flight
        } catch (IOException e) {
            // the server may close a connection (e.g. as a slow consumer); that is part of the soak
        }
    }

    private static ResourceLeakDetector<?> leakDetector() throws ReflectiveOperationException {
        Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
        f.setAccessible(true);
        return (ResourceLeakDetector<?>) f.get(null);
    }
}
