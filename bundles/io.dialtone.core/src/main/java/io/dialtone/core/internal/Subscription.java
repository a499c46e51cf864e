package io.dialtone.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One SUB of one subscriber. Identity is the object itself (the index holds it by identity). Its delivered count is
 * advanced by publishers on any thread, under its sink's lock.
 */
final class Subscription {

    /** Who subscribed (for echo and auto-unsubscribe). */
    final Subscriber owner;
    /** Where its messages go. */
    final Sink sink;
    /** Its sink {@link Sink#forwards} (a route's interest): copied here, read for every match without a hop. */
    final boolean forwards;
    final String subject;
    final String queue;
    final String sid;
    /** The sid as bytes for MSG lines; shared across threads, so only ever read by index (never written or moved). */
    final ByteBuf sidBytes;
    /** Messages given to it; guarded by its {@link Sink} (see {@link Sink#deliver}). */
    long delivered;
    /** For a remote queue subscription: how many members the peer has (RS+'s weight). */
    volatile int weight = 1;
    /** Auto-unsubscribe after this many messages; 0 = none. */
    volatile long max;
    volatile boolean closed;

    Subscription(Subscriber owner, Sink sink, String subject, String queue, String sid) {
        this.owner = owner;
        this.sink = sink;
        this.forwards = sink != null && sink.forwards;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        // not asReadOnly(): a read-only view hides its array, and MSG lines copy the sid from the array (RawWrite)
        this.sidBytes = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(sid.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "sid " + sid + " on " + subject + (queue == null ? "" : " queue " + queue);
    }
}
