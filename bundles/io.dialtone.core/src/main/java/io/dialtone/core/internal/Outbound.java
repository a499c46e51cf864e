package io.dialtone.core.internal;

import io.dialtone.protocol.RouteFrames;
import io.dialtone.protocol.ServerOps;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
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
final class Outbound extends Sink {

    private static final int INITIAL = 4096;
    /**
     * Pending bytes are kept in chunks of about this size: a subscriber that falls behind holds many chunks, each
     * written and freed as the socket takes it, instead of one buffer doubling towards max_pending (which the pooled
     * allocator cannot serve: every growth past its largest size class was a fresh direct buffer and a copy).
     */
    static final int CHUNK = 32 * 1024;

    private final Channel channel;
    private final EventLoop loop;
    /** The connection this is the outbound of; told when it falls behind past max_pending. */
    private final Connection owner;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    /** The chunk being filled; guarded by {@code this}. */
    private ByteBuf pending;
    /** Messages and their bytes appended (for /connz); guarded by {@code this}, so counting costs no atomic. */
    private long msgs;
    private long msgBytes;
    /** Full chunks waiting for the next flush, oldest first; guarded by {@code this}. */
    private java.util.ArrayDeque<ByteBuf> full;
    private volatile long lastProgressNanos = System.nanoTime();

    /** The outbound of {@code owner}'s channel; a route's ({@code forwards}) takes RMSG. */
    Outbound(Channel channel, long maxPending, Connection owner, boolean forwards) {
        super(maxPending, forwards, false);
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.owner = owner;
    }

    @Override
    boolean overPending(String subject) {
        owner.slowConsumer("Slow Consumer (Pending Bytes)", "MaxPending of " + maxPending + " Exceeded", subject);
        return true;
    }

    /** Writes a MSG or HMSG and counts it; returns its size. Called under {@code this}. */
    @Override
    protected int append(ByteBuf sid, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
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
    @Override
    long forward(byte[] account, ByteBuf subject, ByteBuf reply, CharSequence queues, int headerSize,
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
        lastProgressNanos = System.nanoTime();
        taken(size);
    }

    /** Gets the pending bytes written soon: at once on the client's own loop, else by one task per batch. */
    @Override
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

    long lastProgressNanos() {
        return lastProgressNanos;
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
