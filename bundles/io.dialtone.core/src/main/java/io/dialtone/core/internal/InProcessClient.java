package io.dialtone.core.internal;

import io.dialtone.api.client.Client;
import io.dialtone.api.client.ClientSubscription;
import io.dialtone.api.client.MessageHandler;
import io.dialtone.router.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A client without a socket, for other bundles (nats-server's internal client): it publishes through the same
 * delivery loop as a connection's read batch (one batch per publish, serialised by this object's lock), and its
 * subscriptions are ordinary interest in its account, each with its own {@link InProcessSink}.
 */
final class InProcessClient implements Client, Subscriber {

    private final Broker broker;
    private final long id;
    private final String name;
    private final Account account;
    private final Executor executor;
    private final long maxPending;
    private final int maxPayload;
    /** Guarded by {@code this}, as is the publish path. */
    private final Deliveries deliveries;
    private final SubjectCache routes;
    private final Map<String, Subscription> subs = new ConcurrentHashMap<>();
    private final Consumer<InProcessClient> onClose;
    private long sids;
    private volatile boolean closed;

    InProcessClient(Broker broker, long id, String name, Account account, Executor executor, long maxPending,
            int maxPayload, Consumer<InProcessClient> onClose) {
        this.broker = broker;
        this.onClose = onClose;
        this.id = id;
        this.name = name == null ? "" : name;
        this.account = account;
        this.executor = executor;
        this.maxPending = maxPending;
        this.maxPayload = maxPayload;
        this.deliveries = new Deliveries(broker, this, account, maxPending);
        this.routes = new SubjectCache(account.index);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String account() {
        return account.name;
    }

    @Override
    public ClientSubscription subscribe(String subject, String queue, MessageHandler handler) {
        if (subject == null || !Subjects.isValidSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        if (queue != null && !Subjects.isValidQueueName(queue)) {
            throw new IllegalArgumentException("invalid queue group: " + queue);
        }
        java.util.Objects.requireNonNull(handler, "handler");
        InProcessSink sink = new InProcessSink(this, maxPending, executor, handler);
        Subscription s;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            s = new Subscription(this, sink, subject, queue, Long.toString(++sids));
            sink.subscription = s;
            subs.put(s.sid, s);
        }
        account.index.insert(subject, queue, s);
        broker.routes.localInterest(account, subject, queue, 1);
        return sink;
    }

    @Override
    public void unsubscribe(Subscription s) {
        s.closed = true;
        if (subs.remove(s.sid, s)) {
            account.index.remove(s.subject, s.queue, s);
            broker.routes.localInterest(account, s.subject, s.queue, -1);
            ((InProcessSink) s.sink).close();
        }
    }

    @Override
    public void publish(String subject, String reply, byte[] headers, byte[] payload) {
        publish(subject, reply, headers == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(headers),
                Unpooled.wrappedBuffer(payload));
    }

    @Override
    public void publish(String subject, String reply, ByteBuffer headers, ByteBuffer payload) {
        publish(subject, reply, headers == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(headers.duplicate()),
                Unpooled.wrappedBuffer(payload.duplicate()));
    }

    private void publish(String subject, String reply, ByteBuf headers, ByteBuf payload) {
        int headerSize = headers.readableBytes();
        ByteBuf message = headerSize == 0 ? payload : Unpooled.wrappedBuffer(headers, payload);
        if (message.readableBytes() > maxPayload) {
            throw new IllegalArgumentException("maximum payload exceeded: " + message.readableBytes());
        }
        if (reply != null && !Subjects.isValidLiteralSubject(reply)) {
            throw new IllegalArgumentException("invalid reply subject: " + reply);
        }
        ByteBuf subjectBuf = Deliveries.ascii(subject);
        ByteBuf replyBuf = reply == null ? Unpooled.EMPTY_BUFFER : Deliveries.ascii(reply);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            SubjectCache.Entry route = routes.lookup(subjectBuf);
            if (!route.literal) {
                throw new IllegalArgumentException("invalid subject: " + subject);
            }
            SubjectMapping[] mappings = account.mappings;
            if (mappings != null) {
                String mapped = SubjectMapping.first(mappings, route.subject);
                if (mapped != route.subject) {
                    subjectBuf = Deliveries.ascii(mapped);
                    route = routes.lookup(subjectBuf);
                }
            }
            deliveries.begin();
            deliveries.received(message.readableBytes());
            deliveries.publish(route, subjectBuf, replyBuf, headerSize, message, false, false, 0);
            deliveries.endBatch(null, false);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Subscription s : subs.values()) {
            unsubscribe(s);
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "in-process cid:" + id + (name.isEmpty() ? "" : " - \"" + name + "\"") + " in " + account.name;
    }
}
