package io.dialtone.core.internal;

import io.dialtone.router.Match;
import io.dialtone.router.QueueGroup;
import io.dialtone.router.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery half of one publisher (a client connection, a route, an in-process client): routes a message to the
 * matching subscriptions of an account and across its imports, appending to their {@link Sink}s, and after the
 * publisher's batch gets every touched sink flushed once. Single-threaded: the publisher's event loop, or the
 * in-process client's lock. It knows sinks only: a route (or gateway) is a sink that {@link Sink#forwards}.
 */
final class Deliveries {

    private static final ByteBuf NO_RESPONDERS_HEADER = Unpooled
            .unreleasableBuffer(Unpooled.copiedBuffer("NATS/1.0 503\r\n\r\n", StandardCharsets.US_ASCII)).asReadOnly();
    private static final ByteBuf EMPTY = Unpooled.EMPTY_BUFFER;
    private static final AtomicLong BATCHES = new AtomicLong();

    private final Broker broker;
    /** The publisher, compared with each subscription's owner (echo). */
    private final Subscriber publisher;
    private final long maxPending;
    /** The account the publisher publishes in; the global one until an authenticator admits it elsewhere. */
    volatile Account account;
    /** Whether the publisher gets its own messages (CONNECT's echo). */
    boolean echo = true;
    private final List<Sink> touched = new ArrayList<>();
    /** The subscriptions of the message being routed that wait for delivery interceptors; reused. */
    private final List<Subscription> intercepted = new ArrayList<>();
    /** The forwarding sinks the message being routed goes to, with the queue groups each was picked for; reused. */
    private final List<Sink> hitSinks = new ArrayList<>(2);
    private final List<StringBuilder> hitQueues = new ArrayList<>(2);
    private long batchMark;
    /** This batch's traffic, added to the broker's counters when the batch ends. */
    private long batchInMsgs;
    private long batchInBytes;
    private long batchOutMsgs;
    private long batchOutBytes;
    /** Messages and bytes the publisher sent (for /connz); read from other threads, may be a moment behind. */
    long inMsgs;
    long inBytes;
    /** The most loaded sink this batch published to that asked producers to wait. */
    private Sink stalledOn;

    Deliveries(Broker broker, Subscriber publisher, Account account, long maxPending) {
        this.broker = broker;
        this.publisher = publisher;
        this.account = account;
        this.maxPending = maxPending;
    }

    /** Starts a batch unless one is open; true when this started one. */
    boolean begin() {
        if (batchMark != 0) {
            return false;
        }
        batchMark = BATCHES.incrementAndGet();
        return true;
    }

    /** Counts one message the publisher sent. */
    void received(int size) {
        inMsgs++;
        inBytes += size;
        batchInMsgs++;
        batchInBytes += size;
    }

    /**
     * Delivers to every matching subscription of the publisher's account (one member per queue group), then across
     * accounts where imports say so; no-responders when nobody took it and the publisher asked for that. With
     * {@code intercept}, local deliveries are set aside in {@link #intercepted()} instead (what crosses to other
     * accounts is not intercepted).
     */
    void publish(SubjectCache.Entry route, ByteBuf subjectBuf, ByteBuf reply, int headerSize, ByteBuf message,
            boolean intercept, boolean noResponders, long rttNanos) {
        Account a = account;
        boolean delivered = deliverAll(a, route.match, subjectBuf, reply, headerSize, message, intercept);
        Account.Links links = a.links;
        if (links != null) {
            delivered |= crossAccounts(a, links, route.subject, reply, headerSize, message, rttNanos);
        }
        if (!delivered && noResponders && reply.isReadable()) {
            noResponders(a, reply);
        }
    }

    /** The deliveries {@link #publish} set aside for the delivery interceptors; the caller clears it. */
    List<Subscription> intercepted() {
        return intercepted;
    }

    /**
     * Delivers to the matching subscriptions of {@code target}: every plain one, one member of each queue group,
     * picked from a random start among the local members and the routes with members (as nats-server 2.9 picks for a
     * client's message; it does not prefer local members then). Forwarding sinks with interest get the message once
     * each, naming the queue groups they were picked for.
     */
    private boolean deliverAll(Account target, Match<Subscription> match, ByteBuf subjectBuf, ByteBuf reply,
            int headerSize, ByteBuf message, boolean intercept) {
        boolean delivered = false;
        List<Subscription> plain = match.plain();
        for (int i = 0, n = plain.size(); i < n; i++) {
            Subscription s = plain.get(i);
            if (s.forwards) {
                hit(s.sink, null);
                continue;
            }
            delivered |= deliver(s, subjectBuf, reply, headerSize, message, intercept);
        }
        List<QueueGroup<Subscription>> queues = match.queues();
        for (int g = 0, groups = queues.size(); g < groups; g++) {
            delivered |= pickMember(queues.get(g), false, subjectBuf, reply, headerSize, message, intercept);
        }
        if (!hitSinks.isEmpty()) {
            delivered = true;
            forward(target, subjectBuf, reply, headerSize, message);
        }
        return delivered;
    }

    private void hit(Sink r, String queue) {
        int i = hitSinks.indexOf(r);
        if (i < 0) {
            i = hitSinks.size();
            hitSinks.add(r);
            if (hitQueues.size() <= i) {
                hitQueues.add(new StringBuilder());
            }
            hitQueues.get(i).setLength(0);
        }
        if (queue != null) {
            StringBuilder q = hitQueues.get(i);
            if (q.length() > 0) {
                q.append(' ');
            }
            q.append(queue);
        }
    }

    /** One RMSG/HMSG per forwarding sink hit, then they get flushed with the batch's other sinks. */
    private void forward(Account target, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        for (int i = 0, n = hitSinks.size(); i < n; i++) {
            Sink peer = hitSinks.get(i);
            long queued = peer.forward(target.nameBytes, subject, reply, hitQueues.get(i), headerSize, message);
            if (queued >= 0) {
                appended(peer, message.readableBytes(), queued, null);
            }
        }
        hitSinks.clear();
    }

    /**
     * A message a route brought (the publisher is the route): to the local subscriptions only, and to a queue group
     * only when the peer named it (the peer picked this server for that group).
     */
    void fromRoute(SubjectCache.Entry route, ByteBuf subjectBuf, ByteBuf reply, ByteBuf queues, int headerSize,
            ByteBuf message) {
        received(message.readableBytes());
        if (!route.literal) {
            return;
        }
        Match<Subscription> match = route.match;
        List<Subscription> plain = match.plain();
        for (int i = 0, n = plain.size(); i < n; i++) {
            Subscription s = plain.get(i);
            if (!s.forwards) {
                append(s, subjectBuf, reply, headerSize, message);
            }
        }
        List<QueueGroup<Subscription>> groups = match.queues();
        if (groups.isEmpty() || !queues.isReadable()) {
            return;
        }
        for (int g = 0, k = groups.size(); g < k; g++) {
            if (namesQueue(queues, groups.get(g).name())) {
                pickMember(groups.get(g), true, subjectBuf, reply, headerSize, message, false);
            }
        }
    }

    /**
     * One member of a queue group takes the message, tried from a random start: a forwarding sink (the group has
     * members behind a route) is picked as the others are and gets the message naming the group, unless
     * {@code localOnly} (the message came from a route: local members only). Returns whether one took it.
     */
    private boolean pickMember(QueueGroup<Subscription> group, boolean localOnly, ByteBuf subjectBuf, ByteBuf reply,
            int headerSize, ByteBuf message, boolean intercept) {
        List<Subscription> members = group.members();
        int n = members.size();
        int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            Subscription m = members.get((start + i) % n);
            if (m.forwards) {
                if (localOnly) {
                    continue;
                }
                hit(m.sink, group.name());
                return true;
            }
            if (localOnly ? append(m, subjectBuf, reply, headerSize, message)
                    : deliver(m, subjectBuf, reply, headerSize, message, intercept)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the blank-separated queue names of an RMSG include {@code name}. */
    static boolean namesQueue(ByteBuf queues, String name) {
        int from = queues.readerIndex();
        int end = queues.writerIndex();
        while (from < end) {
            int to = queues.indexOf(from, end, (byte) ' ');
            if (to < 0) {
                to = end;
            }
            if (to - from == name.length()) {
                int i = 0;
                while (i < name.length() && queues.getByte(from + i) == (byte) name.charAt(i)) {
                    i++;
                }
                if (i == name.length()) {
                    return true;
                }
            }
            from = to + 1;
        }
        return false;
    }

    /**
     * Imports: a stream exported from this account goes to its importers under their names for it; a request to an
     * imported service goes to the exporter with a reply subject of the exporter's that stands for the requester's;
     * an answer to such a subject goes back to the requester. What crosses is delivered there only (imports do not
     * chain).
     */
    private boolean crossAccounts(Account from, Account.Links links, String subject, ByteBuf reply, int headerSize,
            ByteBuf message, long rttNanos) {
        boolean delivered = false;
        for (Account.StreamRoute r : links.streams()) {
            if (Subjects.subjectMatches(subject, r.pattern())) {
                delivered |= deliverInto(r.target(), r.rename().apply(subject), reply, headerSize, message);
            }
        }
        for (Account.ServiceRoute r : links.services()) {
            if (Subjects.subjectMatches(subject, r.pattern())) {
                ByteBuf owed = reply.isReadable() ? ascii(r.target().owe(from,
                        reply.toString(StandardCharsets.ISO_8859_1), r.singleton())) : EMPTY;
                ByteBuf header = requestInfoHeader(from, rttNanos, headerSize, message);
                ByteBuf body = message.slice(message.readerIndex() + headerSize, message.readableBytes() - headerSize);
                delivered |= deliverInto(r.target(), r.rename().apply(subject), owed, header.readableBytes(),
                        Unpooled.wrappedBuffer(header, body));
            }
        }
        if (links.exportsServices() && subject.startsWith(Account.REPLY_PREFIX)) {
            Account.Response owed = from.answer(subject);
            if (owed != null) {
                delivered |= deliverInto(owed.importer(), owed.reply(), EMPTY, headerSize, message);
            }
        }
        return delivered;
    }

    /**
     * The header block of an imported request as nats-server passes it on: the request's own headers plus
     * {@code Nats-Request-Info} naming the requester's account and its round-trip time (clients without headers get
     * the payload only).
     */
    private static ByteBuf requestInfoHeader(Account from, long rttNanos, int headerSize, ByteBuf message) {
        String info = "Nats-Request-Info: {\"acc\":\"" + from.name + "\",\"rtt\":" + rttNanos + "}\r\n\r\n";
        return headerSize == 0 ? ascii("NATS/1.0\r\n" + info)
                : Unpooled.wrappedBuffer(message.slice(message.readerIndex(), headerSize - 2), ascii(info));
    }

    private boolean deliverInto(Account target, String subject, ByteBuf reply, int headerSize, ByteBuf message) {
        return deliverAll(target, target.index.match(subject), ascii(subject), reply, headerSize, message, false);
    }

    static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Delivers one message to a subscriber, or sets it aside for the delivery interceptors; false when it was not
     * delivered (echo off, closed, over its max).
     */
    private boolean deliver(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message,
            boolean intercept) {
        if (s.owner == publisher && !echo) {
            return false;
        }
        if (intercept && !s.closed) {
            intercepted.add(s);
            return true;
        }
        return append(s, subject, reply, headerSize, message);
    }

    /** Appends one message to a subscriber's sink; false when it was not delivered (closed, over its max). */
    boolean append(Subscription s, ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
        Sink target = s.sink;
        if (s.closed) {
            return false;
        }
        ClientPermissions tp = target.perms;
        if (tp != null && !permitsDelivery(target, tp, subject, reply)) {
            return false;
        }
        int hdr = headerSize;
        ByteBuf body = message;
        if (hdr > 0 && !target.headers) {
            body = message.slice(message.readerIndex() + hdr, message.readableBytes() - hdr);
            hdr = 0;
        }
        long queued = target.deliver(s, subject, reply, hdr, body);
        long max = s.max;
        if (max > 0 && (queued == Sink.OVER_MAX || target.delivered(s) >= max)) {
            s.owner.unsubscribe(s);
        }
        if (queued < 0) {
            return false;
        }
        appended(target, body.readableBytes(), queued, s.subject);
        return true;
    }

    /**
     * Counts a delivery appended to {@code target} ({@code queued} bytes now waiting there), tells the target when it
     * is past max_pending (a socket is then closed as a slow consumer), and gets it flushed after this batch.
     */
    private void appended(Sink target, int bytes, long queued, String subject) {
        batchOutMsgs++;
        batchOutBytes += bytes;
        if (queued > maxPending && target.overPending(subject)) {
            return;
        }
        touch(target);
    }

    private void touch(Sink target) {
        if (target.touchMark != batchMark || batchMark == 0) {
            target.touchMark = batchMark;
            touched.add(target);
        }
    }

    /**
     * A sink with permissions: its deny list may refuse the message (when a wildcard subscription of it covers a
     * denied subject), and a request's reply subject is recorded for {@code allow_responses}.
     */
    private static boolean permitsDelivery(Sink target, ClientPermissions tp, ByteBuf subject, ByteBuf reply) {
        if (target.denyFilter && tp.deliveryDenied(subject.toString(StandardCharsets.ISO_8859_1))) {
            return false;
        }
        if (reply.isReadable() && tp.tracksReplies()) {
            tp.delivered(reply.toString(StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    /** nats-server's no-responders answer: a 503 status to the requester's own subscription on the reply subject. */
    private void noResponders(Account a, ByteBuf reply) {
        String replySubject = reply.toString(StandardCharsets.ISO_8859_1);
        if (!Subjects.isValidLiteralSubject(replySubject)) {
            return;
        }
        for (Subscription s : a.index.match(replySubject).plain()) {
            if (s.owner == publisher) {
                if (s.sink.deliverUncounted(s, reply, EMPTY, NO_RESPONDERS_HEADER.readableBytes(),
                        NO_RESPONDERS_HEADER) >= 0) {
                    touch(s.sink);
                }
                return;
            }
        }
    }

    /**
     * After a batch: each sink the publisher delivered to gets one flush ({@code own}, the publisher's own outbound if
     * any, is left to the caller). With {@code stallable}, the sink furthest past half its max_pending, if any, is
     * noted for the fast-producer stall ({@link #takeStalledOn}): once per batch here rather than per delivery, where
     * the rarely taken branch made C2 throw away and recompile the whole inlined publish path each time a subscriber
     * first fell behind (LogCompilation, pubsub-16B: four unstable_if deoptimizations there inside the timed phase).
     */
    void endBatch(Sink own, boolean stallable) {
        batchMark = 0;
        if (batchInMsgs + batchOutMsgs > 0) {
            addBatchCounters();
        }
        for (int i = 0, n = touched.size(); i < n; i++) {
            Sink o = touched.get(i);
            if (o != own) {
                if (stallable && o.stalled() && (stalledOn == null || o.queued() > stalledOn.queued())) {
                    stalledOn = o;
                }
                o.scheduleFlush();
            }
        }
        touched.clear();
    }

    /** The sink the publisher should wait for, if the batches since the last call found one; then forgets it. */
    Sink takeStalledOn() {
        Sink s = stalledOn;
        stalledOn = null;
        return s;
    }

    /** The server-wide counters get this batch's traffic in one go (they are shared; per message would contend). */
    private void addBatchCounters() {
        broker.inMsgs.add(batchInMsgs);
        broker.inBytes.add(batchInBytes);
        broker.outMsgs.add(batchOutMsgs);
        broker.outBytes.add(batchOutBytes);
        batchInMsgs = 0;
        batchInBytes = 0;
        batchOutMsgs = 0;
        batchOutBytes = 0;
    }
}
