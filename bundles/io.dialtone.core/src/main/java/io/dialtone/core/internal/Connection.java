package io.dialtone.core.internal;

import io.dialtone.api.runtime.ServerDTO;
import io.dialtone.protocol.ServerOps;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket connection and its lifecycle, whatever its role (a client: {@link ClientSession}; a route:
 * {@link RouteLink}): owned by its channel's event loop. It keeps the outbound and the delivery half of what the peer
 * publishes, the read batches (flush of every touched sink once per batch, the fast-producer stall), input held while
 * the role works off the loop (suspend / resume), PING/PONG with stale detection, the write deadline, and the close
 * with its reason. Other threads only append to its outbound and read its volatile state.
 */
abstract class Connection extends ChannelInboundHandlerAdapter implements Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** nats-server's first PING to a client comes after 2 s (plus up to 20 %), or the ping interval if shorter. */
    private static final long FIRST_PING_MILLIS = 2000;

    final long id;
    final Broker broker;
    final ServerDTO server;
    final Channel channel;
    final Outbound outbound;
    /** The delivery half of what the peer publishes: routing, the sinks touched this batch, the batch counters. */
    final Deliveries deliveries;
    final AtomicBoolean closing = new AtomicBoolean();
    final long startMillis = System.currentTimeMillis();
    volatile long lastActivityMillis = startMillis;
    private volatile String closeReason;
    /** Reading is suspended while the role works off the loop (authentication, interceptors). */
    private boolean suspended;
    private ByteBuf heldInput;
    private long lastActivityNanos = System.nanoTime();
    private long lastPingInNanos;
    private int pingsOut;
    private long rttStartNanos;
    volatile long rttNanos;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> writeDeadlineTimer;

    Connection(Broker broker, ServerDTO server, long id, Channel channel, boolean forwards) {
        this.broker = broker;
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.outbound = new Outbound(channel, server.maxPending, this, forwards);
        this.deliveries = new Deliveries(broker, this, broker.global, server.maxPending);
    }

    // ---------------------------------------------------------------- what a role provides

    /** Parses a read (or held input); returns true when the parser paused with input left (to be held). */
    abstract boolean parse(ByteBuf in);

    /** Stops parsing for good (the connection is closing). */
    abstract void stopParsing();

    /** The connection is gone: the role lets go of what it holds (subscriptions, registrations). */
    abstract void closed(String reason);

    /** Whether the peer's input is paused for a subscriber that falls behind (clients: yes; routes: no). */
    abstract boolean stallable();

    /** Whether the peer got past the greeting (a TLS error later is a read error, not a handshake error). */
    boolean greeted() {
        return false;
    }

    /** The peer's PING was answered. */
    void pinged() {
    }

    // ---------------------------------------------------------------- reads and batches

    final void startPingTimer() {
        long first = Math.min(FIRST_PING_MILLIS, server.pingIntervalMillis);
        first += ThreadLocalRandom.current().nextLong(Math.max(1, first / 5));
        pingTimer = channel.eventLoop().schedule(this::pingTimer, first, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (suspended) {
            hold(in);
            return;
        }
        try {
            lastActivityNanos = System.nanoTime();
            if (deliveries.begin()) {
                lastActivityMillis = System.currentTimeMillis();
            }
            if (parse(in) && in.isReadable()) {
                hold(in.retain());
            }
        } finally {
            in.release();
        }
    }

    /** Keeps input that arrives while the connection is suspended; it is parsed once it resumes. */
    private void hold(ByteBuf in) {
        if (heldInput == null) {
            heldInput = channel.alloc().compositeBuffer();
        }
        ((CompositeByteBuf) heldInput).addComponent(true, in);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushTouched();
        Sink stalledOn = deliveries.takeStalledOn();
        if (stalledOn != null) {
            stall(stalledOn);
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Fast-producer stall, as nats-server does it: a subscriber of this client's messages has more than half of its
     * max_pending queued, so this client's input is paused (its event loop stays free for everyone else) until that
     * subscriber drains, or a bounded time passes (100 ms to 1 s), whichever comes first. A subscriber that never
     * drains is closed as a slow consumer at max_pending, which releases the producer too.
     */
    private void stall(Sink consumer) {
        broker.stalls.increment();
        long ttl = consumer.stallMillis();
        channel.config().setAutoRead(false);
        AtomicBoolean resumed = new AtomicBoolean();
        Runnable resume = () -> {
            if (resumed.compareAndSet(false, true)) {
                channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
            }
        };
        channel.eventLoop().schedule(resume, ttl, TimeUnit.MILLISECONDS);
        consumer.onDrained(resume);
    }

    /**
     * After a read batch: each sink the peer published to gets one flush (see Deliveries#endBatch), then this
     * connection's own. Only clients are stalled (as nats-server): pausing a route would hold up every subscriber
     * behind it.
     */
    final void flushTouched() {
        deliveries.endBatch(outbound, stallable());
        outbound.flush();
    }

    /**
     * Stops taking operations after the current one: the rest of the read is held, and no more is read, until
     * {@link #resume()}. Keeps the peer's operations in order across work done off the loop.
     */
    void suspend() {
        suspended = true;
        channel.config().setAutoRead(false);
    }

    /** Parses what was held (which may suspend again), then reads on. */
    final void resume() {
        suspended = false;
        ByteBuf held = heldInput;
        heldInput = null;
        if (held != null) {
            try {
                if (parse(held) && held.isReadable()) {
                    hold(held.retain());
                }
            } finally {
                held.release();
            }
        }
        flushTouched();
        if (!suspended && !closing.get()) {
            channel.config().setAutoRead(true);
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!channel.isWritable() && writeDeadlineTimer == null) {
            writeDeadlineTimer = channel.eventLoop().schedule(this::checkWriteDeadline, server.writeDeadlineMillis,
                    TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** A peer whose socket took no bytes for write_deadline while it had bytes to take is a slow consumer. */
    private void checkWriteDeadline() {
        writeDeadlineTimer = null;
        if (channel.isWritable() || !channel.isActive()) {
            return;
        }
        long stalled = System.nanoTime() - outbound.lastProgressNanos();
        if (stalled >= TimeUnit.MILLISECONDS.toNanos(server.writeDeadlineMillis)) {
            slowConsumer("Slow Consumer (Write Deadline)", "WriteDeadline of " + server.writeDeadlineMillis
                    + "ms exceeded with " + outbound.queued() + " bytes pending", null);
        } else {
            writeDeadlineTimer = channel.eventLoop().schedule(this::checkWriteDeadline,
                    server.writeDeadlineMillis - TimeUnit.NANOSECONDS.toMillis(stalled), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes this connection as a slow consumer (from any thread), once, for {@code reason} (the close reason). */
    final void slowConsumer(String reason, String why, String subject) {
        reason(reason);
        if (closing.compareAndSet(false, true)) {
            broker.slowConsumers.increment();
            LOG.warn("{} - Slow Consumer Detected: {}{}", this, why,
                    subject == null ? "" : " (fell behind on subject \"" + subject + "\")");
            outbound.close();
            channel.close();
        }
    }

    // ---------------------------------------------------------------- PING / PONG

    private void pingTimer() {
        pingTimer = null;
        if (closing.get()) {
            return;
        }
        long now = System.nanoTime();
        long interval = TimeUnit.MILLISECONDS.toNanos(server.pingIntervalMillis);
        boolean needRtt = rttNanos == 0;
        if (needRtt || now - lastActivityNanos >= interval && now - lastPingInNanos >= interval) {
            if (pingsOut + 1 > server.pingMax) {
                LOG.debug("{} - Stale Client Connection - Closing", this);
                outbound.appendErr("Stale Connection");
                refuse("Stale Connection", "stale connection");
                return;
            }
            pingsOut++;
            rttStartNanos = now;
            outbound.append(ServerOps.PING);
            outbound.flush();
        }
        pingTimer = channel.eventLoop().schedule(this::pingTimer, server.pingIntervalMillis, TimeUnit.MILLISECONDS);
    }

    public void onPing() {
        lastPingInNanos = System.nanoTime();
        outbound.append(ServerOps.PONG);
        pinged();
    }

    public void onPong() {
        pingsOut = 0;
        if (rttStartNanos != 0) {
            rttNanos = Math.max(1, System.nanoTime() - rttStartNanos);
            rttStartNanos = 0;
        }
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing.set(true);
        outbound.close();
        stopParsing();
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (writeDeadlineTimer != null) {
            writeDeadlineTimer.cancel(false);
        }
        if (heldInput != null) {
            heldInput.release();
            heldInput = null;
        }
        closed(closeReason == null ? "Client Closed" : closeReason);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        javax.net.ssl.SSLException tls = sslCause(cause);
        if (tls != null) {
            // as nats-server: the handshake failed (a plain-text client, a missing or untrusted certificate)
            reason(greeted() ? "Read Error" : "TLS Handshake Error");
            String why = String.valueOf(tls.getMessage());
            LOG.error("{} - TLS handshake error: {}", this,
                    why.startsWith("not an SSL/TLS record") ? "first record does not look like a TLS handshake" : why);
        } else if (cause instanceof IOException) {
            reason("Read Error");
            LOG.debug("{} - connection error: {}", this, cause.getMessage());
        } else {
            LOG.error("{} - unexpected error, closing the connection", this, cause);
        }
        close();
    }

    private static javax.net.ssl.SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return (javax.net.ssl.SSLException) c;
            }
        }
        return null;
    }

    /** Records why the connection is being closed (the first reason wins), as nats-server's ClosedState. */
    final void reason(String why) {
        if (closeReason == null) {
            closeReason = why;
        }
    }

    /** The close reason so far, or null. */
    final String closeReason() {
        return closeReason;
    }

    /** Closes the connection from any thread. */
    final void close() {
        closing.set(true);
        channel.close();
    }

    /** Closes the connection for {@code reason} once what was written is flushed. */
    final void refuse(String reason, String why) {
        reason(reason);
        if (closing.compareAndSet(false, true)) {
            LOG.debug("{} - closing: {}", this, why);
            stopParsing();
            outbound.flush();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channel.close());
        }
    }

    // ---------------------------------------------------------------- the peer

    /** The peer's address, or null when it is not an IP socket. */
    final InetSocketAddress remote() {
        SocketAddress r = channel.remoteAddress();
        return r instanceof InetSocketAddress ? (InetSocketAddress) r : null;
    }

    final String remoteIp() {
        InetSocketAddress r = remote();
        return r == null ? "" : r.getAddress().getHostAddress();
    }

    /** {@code ip:port} of the peer, as nats-server's log names it. */
    final String where() {
        InetSocketAddress r = remote();
        return r == null ? String.valueOf(channel.remoteAddress()) : r.getAddress().getHostAddress() + ":" + r.getPort();
    }

    @Override
    public long id() {
        return id;
    }
}
