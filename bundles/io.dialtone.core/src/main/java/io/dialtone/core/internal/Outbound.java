package io.dialtone.core.internal;

import io.dialtone.protocol.RouteFrames;
import io.dialtone.protocol.ServerOps;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's outbound bytes. Publishers on any thread append MSG/HMSG under this object's short lock; the bytes go
 * to the socket in one flush per batch (a write per chunk), on the client's own event loop. {@link #queued()} counts bytes appended and
 * not yet written to the socket: the slow-consumer measure (max_pending).
 *
 * <p>Lock order: a session never holds another session's Outbound lock while taking its own; the lock guards the
 * pending bytes, the counts, and the delivered count of each of this client's subscriptions, so a delivery takes
 * this one lock and no atomic.
 */
final class Outbound {

    private static final int INITIAL = 4096;
    /**
     * Pending bytes are kept in chunks of about this size: a subscriber that falls behind holds many chunks, each
     * written and freed as the socket takes it, instead of one buffer doubling towards max_pending (which the pooled
     * allocator cannot serve: every growth past its largest size class was a fresh direct buffer and a copy).
     */
    static final int CHUNK = 32 * 1024;

    private final Channel channel;
    private final EventLoop loop;
    /** A delivery refused because the subscription had already reached its max (see {@link #deliver}). */
    static final long OVER_MAX = -2;

    /** Bytes appended and not yet written to the socket; guarded by {@code this}. */
    private long queued;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    private final long maxPending;
    /** Producers waiting for this client to drain (fast-producer stall); guarded by {@code this}. */
    private List<Runnable> stalledProducers;
    /** The chunk being filled; guarded by {@code this}. */
    private ByteBuf pending;
    /** Messages and their bytes appended (for /connz); guarded by {@code this}, so counting costs no atomic. */
    private long msgs;
    private long msgBytes;
    /** Full chunks waiting for the next flush, oldest first; guarded by {@code this}. */
    private java.util.ArrayDeque<ByteBuf> full;
    private volatile boolean closed;
    private volatile boolean stalled;
    private volatile long lastProgressNanos = System.nanoTime();
    /** Marks the publisher batch that last touched this outbound (duplicates are harmless). */
    long touchMark;

    Outbound(Channel channel, long maxPending) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.maxPending = maxPending;
    }

    /**
     * Delivers a message to {@code s}, one of this client's subscriptions, counting it as delivered to it; returns
     * the bytes now queued, -1 when closed, or {@link #OVER_MAX} (nothing appended) when {@code s} had already
     * reached its max.
     */
    long deliver(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        synchronized (this) {
            if (closed) {
                return -1;
            }
            long n = ++s.delivered;
            long max = s.max;
            if (max > 0 && n > max) {
                return OVER_MAX;
            }
            return queued += writeMsg(subject, s.sidBytes, reply, headerSize, message);
        }
    }

    /** How many messages {@code s}, one of this client's subscriptions, was given. */
    synchronized long delivered(Subscription s) {
        return s.delivered;
    }

    /** Appends a MSG or HMSG not counted for any subscription; returns the bytes now queued, or -1 when closed. */
    long appendMsg(ByteBuf subject, ByteBuf sid, ByteBuf reply, int headerSize, ByteBuf message) {
        synchronized (this) {
            if (closed) {
                return -1;
            }
            return queued += writeMsg(subject, sid, reply, headerSize, message);
        }
    }

    /** Writes a MSG or HMSG and counts it; returns its size. Called under {@code this}. */
    private int writeMsg(ByteBuf subject, ByteBuf sid, ByteBuf reply, int headerSize, ByteBuf message) {
        ByteBuf out = buffer(subject.readableBytes() + sid.readableBytes() + reply.readableBytes()
                + message.readableBytes() + 32);
        int before = out.writerIndex();
        if (headerSize > 0) {
            ServerOps.writeHmsg(out, subject, sid, reply, headerSize, message);
        } else {
            ServerOps.writeMsg(out, subject, sid, reply, message);
        }
        msgs++;
        msgBytes += message.readableBytes();
        return out.writerIndex() - before;
    }

    /** Appends an RMSG or HMSG for a route (see RouteFrames); returns the bytes now queued, or -1 when closed. */
    long appendRouteMsg(byte[] account, ByteBuf subject, ByteBuf reply, CharSequence queues, int headerSize,
            ByteBuf message) {
        synchronized (this) {
            if (closed) {
                return -1;
            }
            ByteBuf out = buffer(account.length + subject.readableBytes() + reply.readableBytes()
                    + (queues == null ? 0 : queues.length()) + message.readableBytes() + 32);
            int before = out.writerIndex();
            RouteFrames.writeRouteMsg(out, account, subject, reply, queues, headerSize, message);
            msgs++;
            msgBytes += message.readableBytes();
            return queued += out.writerIndex() - before;
        }
    }

    /** Appends what {@code writer} writes (route interest frames); returns the bytes now queued, or -1 when closed. */
    long appendFrames(java.util.function.Consumer<ByteBuf> writer) {
        synchronized (this) {
            if (closed) {
                return -1;
            }
            ByteBuf out = buffer(INITIAL);
            int before = out.writerIndex();
            writer.accept(out);
            return queued += out.writerIndex() - before;
        }
    }

    /**
     * Whether producers should wait for this client to drain. As nats-server: once more than half of max_pending is
     * queued, producers are asked to wait (bounded, see {@link #stallMillis}) until this client has drained below
     * half again. Asked by each publisher once per read batch (not per append: see ClientSession.flushTouched).
     */
    boolean stalled() {
        if (!stalled && queued() > maxPending / 2) {
            stalled = true;
        }
        return stalled;
    }

    /**
     * Registers a producer to resume when this client has drained below half of max_pending; runs it at once when
     * that has already happened.
     */
    void onDrained(Runnable resume) {
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

    private void releaseStalledProducers() {
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

    /**
     * How long a producer waits at most for this client (nats-server's stallDuration): 100 ms, plus 100 ms for each
     * tenth of the upper half of max_pending in use, 1 s once max_pending is reached.
     */
    long stallMillis() {
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

    /** Appends protocol bytes (INFO, PONG, +OK, -ERR ...); returns the bytes now queued, or -1 when closed. */
    long append(ByteBuf bytes) {
        int size = bytes.readableBytes();
        synchronized (this) {
            if (closed) {
                return -1;
            }
            buffer(size).writeBytes(bytes, bytes.readerIndex(), size);
            return queued += size;
        }
    }

    /** Appends {@code -ERR '<text>'}. */
    long appendErr(String text) {
        synchronized (this) {
            if (closed) {
                return -1;
            }
            ByteBuf out = buffer(text.length() * 3 + 16);
            int before = out.writerIndex();
            ServerOps.writeErr(out, text);
            return queued += out.writerIndex() - before;
        }
    }

    /**
     * The chunk to append about {@code needed} bytes to: the current one while it stays within {@link #CHUNK} (or
     * has room anyway), else a new one, the full one queued for the flush. Called under {@code this}.
     */
    private ByteBuf buffer(int needed) {
        ByteBuf p = pending;
        if (p == null) {
            p = channel.alloc().directBuffer(Math.max(full == null ? INITIAL : CHUNK, needed));
            pending = p;
        } else if (p.writableBytes() < needed && p.readableBytes() + needed > CHUNK) {
            if (full == null) {
                full = new java.util.ArrayDeque<>();
            }
            full.add(p);
            p = channel.alloc().directBuffer(Math.max(CHUNK, needed));
            pending = p;
        }
        return p;
    }

    /** Writes what is pending (one write per chunk, one flush); must run on the client's event loop. */
    void flush() {
        flushScheduled.set(false);
        ByteBuf buf;
        java.util.ArrayDeque<ByteBuf> chunks;
        synchronized (this) {
            buf = pending;
            pending = null;
            chunks = full;
            full = null;
        }
        if (chunks != null) {
            for (ByteBuf c : chunks) {
                write(c);
            }
        }
        if (buf != null) {
            write(buf);
        }
        if (buf != null || chunks != null) {
            channel.flush();
        }
    }

    private void write(ByteBuf chunk) {
        int size = chunk.readableBytes();
        channel.write(chunk).addListener((ChannelFutureListener) f -> written(size));
    }

    /** A chunk reached the socket: producers stalled on this client go on once it is below half of max_pending. */
    private void written(int size) {
        long q;
        synchronized (this) {
            q = queued -= size;
        }
        lastProgressNanos = System.nanoTime();
        if (stalled && (q < maxPending / 2 || q == 0)) {
            releaseStalledProducers();
        }
    }

    /** Gets the pending bytes written soon: at once on the client's own loop, else by one task per batch. */
    void scheduleFlush() {
        if (loop.inEventLoop()) {
            flush();
        } else if (flushScheduled.compareAndSet(false, true)) {
            loop.execute(flushTask);
        }
    }

    /** Messages appended so far. */
    synchronized long msgs() {
        return msgs;
    }

    /** Their bytes (headers and payload, as delivered). */
    synchronized long msgBytes() {
        return msgBytes;
    }

    synchronized long queued() {
        return queued;
    }

    long lastProgressNanos() {
        return lastProgressNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** No more appends; frees what was pending and lets waiting producers go. */
    void close() {
        ByteBuf buf;
        java.util.ArrayDeque<ByteBuf> chunks;
        synchronized (this) {
            closed = true;
            buf = pending;
            pending = null;
            chunks = full;
            full = null;
        }
        if (buf != null) {
            buf.release();
        }
        if (chunks != null) {
            chunks.forEach(ByteBuf::release);
        }
        releaseStalledProducers();
    }
}
