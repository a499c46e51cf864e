package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.BrokerRuntime;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A subscriber that never reads, a fast publisher and a healthy subscriber: the slow one is closed as a slow
 * consumer, the healthy one gets every message, the publisher is never held up, and the server's buffers stay
 * bounded by max_pending.
 */
@ExtendWith(ServiceExtension.class)
class SlowConsumerTest {

    private static final int MAX_PENDING = 2 * 1024 * 1024;
    private static final int PAYLOAD = 1024;
    private static final int MESSAGES = 40_000; // 40 MB through the server: 20 times max_pending
    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectService
    ConfigurationAdmin configAdmin;
    @InjectService
    ServerRuntime server;
    @InjectService
    BrokerRuntime broker;
    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    private Configuration config;

    @BeforeEach
    void smallMaxPending() throws Exception {
        config = configAdmin.getConfiguration("io.dialtone.server", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("max_pending", (long) MAX_PENDING);
        config.update(props);
        Await.until("max_pending applied", WAIT, () -> server.server().maxPending == MAX_PENDING);
    }

    @AfterEach
    void restore() throws Exception {
        config.delete();
        Await.until("max_pending restored", WAIT, () -> server.server().maxPending != MAX_PENDING);
    }

    @Test
    void theSlowSubscriberIsClosedAndTheHealthyOneGetsEverything() throws Exception {
        int port = listener.listener().port;
        long slowBefore = broker.stats().slowConsumers;
        String msgLine = "MSG load 1 " + PAYLOAD + "\r\n";
        long expectedBytes = (long) MESSAGES * (msgLine.length() + PAYLOAD + 2);

        try (RawClient slow = RawClient.connect(port, 4096);
                RawClient healthy = RawClient.connect(port);
                RawClient publisher = RawClient.connect(port)) {
            slow.send("CONNECT {\"verbose\":false}\r\nSUB load 1\r\n").roundTrip();
            healthy.send("CONNECT {\"verbose\":false}\r\nSUB load 1\r\n").roundTrip();
            publisher.send("CONNECT {\"verbose\":false}\r\n").roundTrip();

            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return healthy.skip(expectedBytes);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            AtomicLong peak = new AtomicLong();
            ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
            byte[] pub = pubFrame();
            byte[] batch = new byte[pub.length * 100];
            for (int i = 0; i < 100; i++) {
                System.arraycopy(pub, 0, batch, i * pub.length, pub.length);
            }
            for (int i = 0; i < MESSAGES / 100; i++) {
                publisher.send(batch);
                if (i % 20 == 0) {
                    peak.accumulateAndGet(used(alloc), Math::max);
                }
            }
            publisher.roundTrip(); // the server has taken every message: the publisher was not held up

            assertEquals(expectedBytes, received.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                    "the healthy subscriber got every message, byte for byte");
            Await.until("the slow consumer counted", WAIT, () -> broker.stats().slowConsumers > slowBefore);
            long drained = slow.drainToEnd(); // what sat in socket buffers, then the close
            assertTrue(drained < expectedBytes, "the slow subscriber was cut off, got " + drained);
            assertTrue(peak.get() < 16L * MAX_PENDING,
                    "server buffers stayed bounded by max_pending: peak " + peak.get() + " bytes");
        }
    }

    private static long used(ByteBufAllocator alloc) {
        assertTrue(alloc instanceof ByteBufAllocatorMetricProvider, "the allocator reports its memory");
        var m = ((ByteBufAllocatorMetricProvider) alloc).metric();
        return m.usedDirectMemory() + m.usedHeapMemory();
    }

    private static byte[] pubFrame() {
        byte[] payload = new byte[PAYLOAD];
        Arrays.fill(payload, (byte) 'x');
        byte[] head = ("PUB load " + PAYLOAD + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[head.length + PAYLOAD + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(payload, 0, frame, head.length, PAYLOAD);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        return frame;
    }
}
