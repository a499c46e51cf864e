package io.dialtone.core.internal;

import io.dialtone.api.client.ClientSubscription;
import io.dialtone.api.client.MessageBatch;
import io.dialtone.api.client.MessageHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of one in-process subscription (nats-server's internal subscription with its send queue). Publishers
 * append compact records under this object's lock into one heap buffer; the flush after their batch hands what
 * accumulated to the subscription's handler on the client pool, in one call. The bytes count as queued until the
 * handler returns, so a slow handler stalls fast producers like a slow socket does, and it is never closed for it.
 *
 * <p>Record: subject length (int), subject, reply length (int), reply, header size (int), message size (int), message
 * (headers then payload).
 */
final class InProcessSink extends Sink implements ClientSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessSink.class);
    private static final int INITIAL = 4096;

    private final InProcessClient client;
    private final MessageHandler handler;
    private final Executor executor;
    private final Runnable drainTask = this::drain;
    private final Batch view = new Batch();
    Subscription subscription;
    /** Records appended and not yet handed over, and how many; guarded by {@code this}. */
    private ByteBuf pending;
    private int count;
    /** A drain task is queued or running; guarded by {@code this}. */
    private boolean scheduled;
    /** Messages handed to the handler; written by the draining thread only. */
    private volatile long handed;

    InProcessSink(InProcessClient client, long maxPending, Executor executor, MessageHandler handler) {
        super(maxPending, false, true);
        this.client = client;
        this.executor = executor;
        this.handler = handler;
    }

    /** Appends one record (the sink is the subscription's own: no sid); returns its size. Called under {@code this}. */
    @Override
    protected int append(ByteBuf sid, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        int size = 16 + subject.readableBytes() + reply.readableBytes() + message.readableBytes();
        ByteBuf out = pending;
        if (out == null) {
            out = Unpooled.buffer(Math.max(INITIAL, size));
            pending = out;
        }
        out.ensureWritable(size);
        out.writeInt(subject.readableBytes());
        out.writeBytes(subject, subject.readerIndex(), subject.readableBytes());
        out.writeInt(reply.readableBytes());
        out.writeBytes(reply, reply.readerIndex(), reply.readableBytes());
        out.writeInt(headerSize);
        out.writeInt(message.readableBytes());
        out.writeBytes(message, message.readerIndex(), message.readableBytes());
        count++;
        return size;
    }

    /** Once per publisher batch: the handler gets what accumulated, unless a drain is already on its way. */
    @Override
    void scheduleFlush() {
        synchronized (this) {
            if (scheduled || pending == null || closed) {
                return;
            }
            scheduled = true;
        }
        try {
            executor.execute(drainTask);
        } catch (RejectedExecutionException stopping) {
            synchronized (this) {
                scheduled = false;
            }
        }
    }

    /** Hands over batch after batch until nothing is left (what arrives meanwhile goes in the next one). */
    private void drain() {
        for (;;) {
            ByteBuf batch;
            int n;
            synchronized (this) {
                batch = pending;
                n = count;
                pending = null;
                count = 0;
                if (batch == null || closed) {
                    scheduled = false;
                    return;
                }
            }
            int size = batch.readableBytes();
            try {
                view.reset(batch, n);
                handler.onMessages(view);
            } catch (RuntimeException | Error e) {
                LOG.error("In-process client {} - handler of \"{}\" failed on a batch of {}", client, subscription.subject,
                        n, e);
            } finally {
                handed += n;
                view.reset(null, 0);
                taken(size);
            }
        }
    }

    /** Never closed for falling behind: the stall holds its producers back instead. */
    @Override
    boolean overPending(String subject) {
        return false;
    }

    /** No more deliveries; what is queued is dropped and waiting producers go on. */
    void close() {
        synchronized (this) {
            closed = true;
            pending = null;
            count = 0;
        }
        releaseStalledProducers();
    }

    // ---------------------------------------------------------------- ClientSubscription

    @Override
    public String subject() {
        return subscription.subject;
    }

    @Override
    public String queue() {
        return subscription.queue;
    }

    @Override
    public long delivered() {
        return handed;
    }

    @Override
    public void unsubscribe() {
        client.unsubscribe(subscription);
    }

    @Override
    public String toString() {
        return "in-process subscription " + subscription + " of " + client;
    }

    /** The cursor over one handed-over buffer; reused for every batch of this subscription. */
    private final class Batch implements MessageBatch {
        private ByteBuf records;
        private int size;
        private int subjectAt;
        private int subjectLength;
        private int replyAt;
        private int replyLength;
        private int messageAt;
        private int headerSize;
        private int messageSize;

        void reset(ByteBuf records, int size) {
            this.records = records;
            this.size = size;
        }

        @Override
        public ClientSubscription subscription() {
            return InProcessSink.this;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean next() {
            ByteBuf r = records;
            if (r == null || !r.isReadable()) {
                return false;
            }
            subjectLength = r.readInt();
            subjectAt = r.readerIndex();
            r.skipBytes(subjectLength);
            replyLength = r.readInt();
            replyAt = r.readerIndex();
            r.skipBytes(replyLength);
            headerSize = r.readInt();
            messageSize = r.readInt();
            messageAt = r.readerIndex();
            r.skipBytes(messageSize);
            return true;
        }

        @Override
        public String subject() {
            return records.toString(subjectAt, subjectLength, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String reply() {
            return replyLength == 0 ? null : records.toString(replyAt, replyLength, StandardCharsets.ISO_8859_1);
        }

        @Override
        public ByteBuffer headers() {
            return records.nioBuffer(messageAt, headerSize).asReadOnlyBuffer();
        }

        @Override
        public ByteBuffer payload() {
            return records.nioBuffer(messageAt + headerSize, messageSize - headerSize).asReadOnlyBuffer();
        }
    }
}
