package io.dialtone.core.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.client.Client;
import io.dialtone.api.client.ClientSubscription;
import io.dialtone.api.client.MessageBatch;
import io.dialtone.api.client.MessageHandler;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.RawClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In-process clients against a kernel with real sockets: raw protocol clients on one side, the API on the other. */
class InProcessClientTest extends KernelTest {

    /** One delivered message as the handler saw it. */
    record Seen(String subject, String reply, String headers, String payload, String thread) {
    }

    /** Records every message with the thread it came on; {@code calls} counts the batches. */
    static class Recorder implements MessageHandler {
        final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        final List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onMessages(MessageBatch batch) {
            batches.add(batch.size());
            while (batch.next()) {
                seen.add(new Seen(batch.subject(), batch.reply(), text(batch.headers()), text(batch.payload()),
                        Thread.currentThread().getName()));
            }
        }

        Seen take() throws InterruptedException {
            Seen s = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no message within " + WAIT);
            }
            return s;
        }
    }

    static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, US_ASCII);
    }

    private Client connect() throws InterruptedException {
        kernel();
        return kernel.broker.connectInProcess(null, "test", c -> { });
    }

    @Test
    void aSubscriptionGetsWhatASocketClientPublishesOffTheEventLoop() throws Exception {
        Client c = connect();
        Recorder r = new Recorder();
        c.subscribe("orders.*", null, r);
        try (RawClient pub = RawClient.connect(kernel.clientPort)) {
            pub.send(CONNECT + "PUB orders.new reply.9 5\r\nhello\r\nHPUB orders.old 12 14\r\nNATS/1.0\r\n\r\nhi\r\n")
                    .roundTrip();
        }
        Seen first = r.take();
        assertEquals(new Seen("orders.new", "reply.9", "", "hello", first.thread()), first);
        assertTrue(first.thread().startsWith("dialtone-client"), first.thread());
        Seen second = r.take();
        assertEquals("orders.old", second.subject());
        assertNull(second.reply());
        assertEquals("NATS/1.0\r\n\r\n", second.headers());
        assertEquals("hi", second.payload());
    }

    @Test
    void aQueueGroupGetsEachMessageOnce() throws Exception {
        Client a = connect();
        Client b = connect();
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        ClientSubscription sa = a.subscribe("work", "workers", ra);
        ClientSubscription sb = b.subscribe("work", "workers", rb);
        StringBuilder pubs = new StringBuilder(CONNECT);
        for (int i = 0; i < 200; i++) {
            pubs.append("PUB work ").append(String.valueOf(i).length()).append("\r\n").append(i).append("\r\n");
        }
        try (RawClient pub = RawClient.connect(kernel.clientPort)) {
            pub.send(pubs.toString()).roundTrip();
        }
        Await.until("200 deliveries", WAIT, () -> sa.delivered() + sb.delivered() == 200);
        java.util.Set<String> payloads = new java.util.HashSet<>();
        ra.seen.forEach(s -> payloads.add(s.payload()));
        rb.seen.forEach(s -> payloads.add(s.payload()));
        assertEquals(200, payloads.size(), "every message once, in one member or the other");
        assertEquals(200, ra.seen.size() + rb.seen.size());
    }

    @Test
    void publishWithHeadersAndReplyReachesSocketAndInProcessSubscribers() throws Exception {
        Client c = connect();
        Recorder r = new Recorder();
        c.subscribe("svc.echo", null, r);
        try (RawClient sub = RawClient.connect(kernel.clientPort)) {
            sub.send(CONNECT + "SUB svc.> 7\r\n").roundTrip();
            String headers = "NATS/1.0\r\nTrace: on\r\n\r\n";
            c.publish("svc.echo", "_INBOX.1", headers.getBytes(US_ASCII), "ping".getBytes(US_ASCII));
            assertEquals("HMSG svc.echo 7 _INBOX.1 " + headers.length() + " " + (headers.length() + 4),
                    sub.readLine());
            assertEquals("NATS/1.0", sub.readLine());
            assertEquals("Trace: on", sub.readLine());
            assertEquals("", sub.readLine());
            assertEquals("ping", sub.readLine());
            c.publish("svc.plain", null, (ByteBuffer) null, ByteBuffer.wrap("pong".getBytes(US_ASCII)).asReadOnlyBuffer());
            assertEquals("MSG svc.plain 7 4", sub.readLine());
            assertEquals("pong", sub.readLine());
        }
        Seen s = r.take();
        assertEquals(new Seen("svc.echo", "_INBOX.1", "NATS/1.0\r\nTrace: on\r\n\r\n", "ping", s.thread()), s);
    }

    @Test
    void whatArrivesWhileTheHandlerIsBusyIsHandedOverInOneBatch() throws Exception {
        Client c = connect();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder r = new Recorder() {
            @Override
            public void onMessages(MessageBatch batch) {
                super.onMessages(batch);
                inFirst.countDown();
                await(release);
            }
        };
        ClientSubscription sub = c.subscribe("batch", null, r);
        try (RawClient pub = RawClient.connect(kernel.clientPort)) {
            pub.send(CONNECT + "PUB batch 1\r\n0\r\n").roundTrip();
            assertTrue(inFirst.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            for (int i = 1; i <= 10; i++) { // ten read batches: each round trip is its own
                pub.send("PUB batch " + String.valueOf(i).length() + "\r\n" + i + "\r\n").roundTrip();
            }
        }
        release.countDown();
        Await.until("11 messages handed over", WAIT, () -> sub.delivered() == 11);
        assertEquals(List.of(1, 10), r.batches);
    }

    @Test
    void aSlowHandlerStallsTheFastProducerInsteadOfBeingClosed() throws Exception {
        kernel = new Kernel(64 * 1024);
        Client c = connect();
        CountDownLatch release = new CountDownLatch(1);
        Recorder r = new Recorder() {
            @Override
            public void onMessages(MessageBatch batch) {
                await(release);
                super.onMessages(batch);
            }
        };
        ClientSubscription sub = c.subscribe("flood", null, r);
        int messages = 1024; // 1 MiB of payload: sixteen times max_pending
        String payload = "x".repeat(1024);
        byte[] one = ("PUB flood 1024\r\n" + payload + "\r\n").getBytes(US_ASCII);
        try (RawClient pub = RawClient.connect(kernel.clientPort)) {
            pub.send(CONNECT);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        pub.send(one);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            Await.until("the producer stalled", WAIT, () -> kernel.broker.stalls.sum() > 0);
            release.countDown();
            writer.join();
            Await.until("every message handed over", WAIT, () -> sub.delivered() == messages);
            assertEquals("", pub.roundTrip(), "the producer is still connected and was told nothing");
        }
        assertEquals(0, kernel.broker.slowConsumers.sum());
        assertEquals(messages, r.seen.size());
    }

    @Test
    void aRoutePeerSeesTheInterestAndItsMessagesComeIn() throws Exception {
        Client c = connect();
        try (RawClient peer = RawClient.connect(kernel.routePort)) {
            peer.send("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                    + "\"headers\":true,\"name\":\"NPEER\"}\r\n"
                    + "INFO {\"server_id\":\"NPEER\",\"server_name\":\"peer\",\"version\":\"2.9.10\",\"proto\":1,"
                    + "\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"max_payload\":1048576}\r\n");
            Await.until("the route registered", WAIT, () -> kernel.broker.stats().routes == 1);
            Recorder r = new Recorder();
            ClientSubscription plain = c.subscribe("js.>", null, r);
            c.subscribe("jobs", "grp", new Recorder());
            assertEquals("RS+ $G js.>", readUntil(peer, "RS+ $G js.>"));
            assertEquals("RS+ $G jobs grp 1", readUntil(peer, "RS+ $G jobs"));
            peer.send("RMSG $G js.api reply.1 5\r\nhello\r\n");
            Seen s = r.take();
            assertEquals(new Seen("js.api", "reply.1", "", "hello", s.thread()), s);
            plain.unsubscribe();
            assertEquals("RS- $G js.>", readUntil(peer, "RS- $G js.>"));
            c.close();
            assertEquals("RS- $G jobs grp", readUntil(peer, "RS- $G jobs"));
        }
    }

    /** Reads route protocol lines until one starting with {@code prefix} (skipping INFO, PING and the rest). */
    private static String readUntil(RawClient peer, String prefix) throws IOException {
        for (String line = peer.readLine(); ; line = peer.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.equals("PING")) {
                peer.send("PONG\r\n");
            }
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
