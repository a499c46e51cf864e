package io.dialtone.core.internal;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the deliveries of a subscriber go: the delivery loop ({@link Deliveries}) appends to a sink, marks it touched,
 * and after the publisher's read batch gets every touched sink flushed once. It knows nothing else about what is
 * behind: a client's socket and a route's socket ({@link Outbound}), or an in-process subscriber
 * ({@link InProcessSink}).
 *
 * <p>The sink also keeps what the fast-producer stall needs, the same for every kind: the bytes queued (appended and
 * not yet taken by the consumer, guarded by {@code this}), whether producers should wait, and the producers waiting.
 * Those methods are final, so the per-batch stall check costs no virtual call; only the append and the flush differ
 * by kind (two kinds, so the call sites stay at most bimorphic).
 */
abstract class Sink {

    /** A delivery refused because the subscription had already reached its max (see {@link #deliver}). */
    static final long OVER_MAX = -2;

    /** Marks the publisher batch that last touched this sink (duplicates are harmless). */
    long touchMark;
    /**
     * Takes whole messages once per publish with the queue groups it was picked for ({@link #forward}): a route,
     * later a gateway. Deliveries from such a sink's own connection go to local subscribers only.
     */
    final boolean forwards;
    /** What the subscriber may receive; null when unrestricted. Set by its owner when admitted or re-checked. */
    volatile ClientPermissions perms;
    /** Deliveries are checked against the subscribe deny list (see ClientPermissions). */
    volatile boolean denyFilter;
    /** The subscriber takes headers (HMSG); without, it gets the payload only. */
    volatile boolean headers;

    protected final long maxPending;
    /** Bytes appended and not yet taken by the consumer; guarded by {@code this}. */
    protected long queued;
    /** No more appends; set under {@code this}. */
    protected volatile boolean closed;
    private volatile boolean stalled;
    /** Producers waiting for this sink to drain (fast-producer stall); guarded by {@code this}. */
    private List<Runnable> stalledProducers;

    Sink(long maxPending, boolean forwards, boolean headers) {
        this.maxPending = maxPending;
        this.forwards = forwards;
        this.headers = headers;
    }

    /**
     * Delivers a message to {@code s}, one of this sink's subscriptions, counting it as delivered to it; returns the
     * bytes now queued, -1 when closed, or {@link #OVER_MAX} (nothing appended) when {@code s} had already reached its
     * max. Called by publishers on any thread; appends under this sink's lock, which also guards the counts.
     */
    final long deliver(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        synchronized (this) {
            if (closed) {
                return -1;
            }
            long n = ++s.delivered;
            long max = s.max;
            if (max > 0 && n > max) {
                return OVER_MAX;
            }
            return queued += append(s.sidBytes, subject, reply, headerSize, message);
        }
    }

    /**
     * Appends a message for {@code s} that is not counted as delivered to it (nats-server's no-responders status);
     * returns the bytes now queued, or -1 when closed.
     */
    final long deliverUncounted(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        synchronized (this) {
            return closed ? -1 : (queued += append(s.sidBytes, subject, reply, headerSize, message));
        }
    }

    /** Appends one message for the subscription {@code sid}; returns the bytes it takes. Called under {@code this}. */
    protected abstract int append(ByteBuf sid, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message);

    /**
     * A forwarding sink ({@link #forwards}) takes the message once, naming the queue groups it was picked for (null
     * for none); returns the bytes now queued, or -1 when closed.
     */
    long forward(byte[] account, ByteBuf subject, ByteBuf reply, CharSequence queues, int headerSize,
            ByteBuf message) {
        throw new UnsupportedOperationException("not a forwarding sink");
    }

    /** How many messages {@code s}, one of this sink's subscriptions, was given. */
    final synchronized long delivered(Subscription s) {
        return s.delivered;
    }

    /** Gets what was appended taken by the consumer soon: called once per touching publisher batch. */
    abstract void scheduleFlush();

    /**
     * More than max_pending is queued: returns true when the subscriber is closed for it (a socket's slow consumer),
     * false when it is kept and only the fast-producer stall holds its producers back (an in-process subscriber).
     */
    abstract boolean overPending(String subject);

    final synchronized long queued() {
        return queued;
    }

    /**
     * Whether producers should wait for this sink to drain. As nats-server: once more than half of max_pending is
     * queued, producers are asked to wait (bounded, see {@link #stallMillis}) until it has drained below half again.
     * Asked by each publisher once per read batch (not per append: see Deliveries#endBatch).
     */
    final boolean stalled() {
        if (!stalled && queued() > maxPending / 2) {
            stalled = true;
        }
        return stalled;
    }

    /**
     * Registers a producer to resume when this sink has drained below half of max_pending; runs it at once when
     * that has already happened (or the sink is closed).
     */
    final void onDrained(Runnable resume) {
        synchronized (this) {
            if (stalled && !closed) {
                if (stalledProducers == null) {
                    stalledProducers = new ArrayList<>(2);
                }
                stalledProducers.add(resume);
                return;
            }
        }
        resume.run();
    }

    /**
     * How long a producer waits at most for this sink (nats-server's stallDuration): 100 ms, plus 100 ms for each
     * tenth of the upper half of max_pending in use, 1 s once max_pending is reached.
     */
    final long stallMillis() {
        long q = queued();
        long ttl = 100;
        if (q >= maxPending) {
            return 1000;
        }
        long half = maxPending / 2;
        if (q > half) {
            long step = Math.max(1, half / 10);
            ttl += 100 * ((q - half) / step);
        }
        return Math.min(ttl, 1000);
    }

    /** The consumer took {@code size} bytes: producers stalled on this sink go on once it is below half. */
    protected final void taken(int size) {
        long q;
        synchronized (this) {
            q = queued -= size;
        }
        if (stalled && (q < maxPending / 2 || q == 0)) {
            releaseStalledProducers();
        }
    }

    protected final void releaseStalledProducers() {
        List<Runnable> waiting;
        synchronized (this) {
            stalled = false;
            waiting = stalledProducers;
            stalledProducers = null;
        }
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    final boolean isClosed() {
        return closed;
    }
}
