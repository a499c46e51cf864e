package io.dialtone.core.internal;

import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.PublishInterceptor;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish path of a client: its routing cache, the account's subject mappings, the client's publish permissions,
 * and the publish and delivery interceptors (the client is suspended while a message is with them, so its messages
 * keep their order); then the delivery loop ({@link Deliveries}). Event loop only.
 */
final class Publishing {

    private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

    private final ClientSession session;
    private final Broker broker;
    private final Deliveries deliveries;
    /** Routing results by subject for the client's account; its entries remember publish decisions. */
    private SubjectCache routes;

    Publishing(ClientSession session) {
        this.session = session;
        this.broker = session.broker;
        this.deliveries = session.deliveries;
        this.routes = new SubjectCache(session.account().index);
    }

    /** The account or the permissions changed: routing starts afresh. */
    void forgetRoutes() {
        routes = new SubjectCache(session.account().index);
    }

    void publish(ByteBuf subjectBuf, ByteBuf reply, int headerSize, ByteBuf message) {
        deliveries.received(message.readableBytes());
        SubjectCache.Entry route = routes.lookup(subjectBuf);
        ConnectOptions options = session.options();
        if (options.pedantic && !route.literal) {
            session.outbound.appendErr("Invalid Publish Subject");
        }
        SubjectMapping[] mappings = session.account().mappings;
        if (mappings != null) {
            String mapped = SubjectMapping.first(mappings, route.subject);
            if (mapped != route.subject) {
                subjectBuf = Deliveries.ascii(mapped);
                route = routes.lookup(subjectBuf);
            }
        }
        ClientPermissions p = session.outbound.perms;
        if (p != null && p.restrictsPublish() && !publishPermitted(p, route)) {
            LOG.error("{} - Publish Violation - {}, Subject \"{}\"", session, session.admission.authUser(),
                    route.subject);
            publishRefused(route.subject);
            return;
        }
        session.ok();
        List<Interceptors.Registered<PublishInterceptor>> interceptors = broker.interceptors.current();
        if (!interceptors.isEmpty() && Interceptors.anyMatches(interceptors, route.subject)) {
            intercept(interceptors, route.subject, reply, headerSize, message);
            return;
        }
        routeMatched(route, subjectBuf, reply, headerSize, message);
    }

    /** The lists' decision, cached with the subject's route; then, if refused, whether it answers a request. */
    private static boolean publishPermitted(ClientPermissions p, SubjectCache.Entry route) {
        byte known = route.publishPermission;
        if (known == 0) {
            known = p.publishAllowed(route.subject) ? (byte) 1 : (byte) 2;
            route.publishPermission = known;
        }
        return known == 1 || p.responseAllowed(route.subject);
    }

    /** nats-server's reply to a refused publish (also an interceptor's drop); the connection stays. */
    private void publishRefused(String subject) {
        session.outbound.appendErr("Permissions Violation for Publish to \"" + subject + "\"");
    }

    /**
     * Hands a message to the interceptors off the event loop. The client's operations keep their order: the client
     * is suspended (nothing more is parsed or read) until the message comes back to this event loop and is routed.
     */
    private void intercept(List<Interceptors.Registered<PublishInterceptor>> chain, String subject, ByteBuf reply,
            int headerSize, ByteBuf message) {
        InterceptedMessage copy = InterceptedMessage.copy(subject, reply, headerSize, message, session.id,
                session.name());
        session.suspend();
        broker.interceptors.run(chain, copy, broker.interceptExecutor).handle((result, error) -> {
            if (error != null) {
                LOG.error("{} - interceptors failed; the message passes unchanged", session, error);
            }
            InterceptedMessage outcome = error != null ? copy : result;
            session.channel.eventLoop().execute(() -> afterInterception(copy, outcome));
            return null;
        });
    }

    /** Back on the event loop: routes what the interceptors let through, or tells the publisher it was refused. */
    private void afterInterception(InterceptedMessage original, InterceptedMessage result) {
        if (session.closing.get()) {
            return;
        }
        if (result == null) {
            publishRefused(original.subject());
        } else {
            InterceptedMessage.Wire w = result.wire();
            if (routeMatched(routes.lookup(w.subject()), w.subject(), w.reply(), w.headerSize(), w.message())) {
                return; // delivery interceptors resume the client
            }
        }
        session.resume();
    }

    /**
     * Delivers to every matching subscription (see Deliveries#publish). Returns true when deliveries wait for delivery
     * interceptors: the client is then suspended until they are decided and appended.
     */
    private boolean routeMatched(SubjectCache.Entry route, ByteBuf subjectBuf, ByteBuf reply, int headerSize,
            ByteBuf message) {
        List<Interceptors.Registered<DeliveryInterceptor>> outgoing = broker.deliveryInterceptors.current();
        boolean intercept = !outgoing.isEmpty() && Interceptors.anyMatches(outgoing, route.subject);
        deliveries.publish(route, subjectBuf, reply, headerSize, message, intercept, session.options().noResponders,
                session.rttNanos);
        if (deliveries.intercepted().isEmpty()) {
            return false;
        }
        interceptDeliveries(outgoing, route.subject, reply, headerSize, message);
        return true;
    }

    /**
     * Hands the deliveries set aside by {@link #routeMatched} to the delivery interceptors, one chain per
     * subscription, off the event loop. The message is copied once for all of them (no reference-counted buffer
     * crosses the API). The client is suspended until every delivery is decided, so what it publishes reaches each
     * subscriber in order.
     */
    private void interceptDeliveries(List<Interceptors.Registered<DeliveryInterceptor>> chain, String subject,
            ByteBuf reply, int headerSize, ByteBuf message) {
        InterceptedMessage copy = InterceptedMessage.copy(subject, reply, headerSize, message, session.id,
                session.name());
        List<Subscription> intercepted = deliveries.intercepted();
        List<InterceptedDelivery> originals = new ArrayList<>(intercepted.size());
        List<CompletableFuture<InterceptedDelivery>> decisions = new ArrayList<>(intercepted.size());
        for (Subscription s : intercepted) {
            InterceptedDelivery d = new InterceptedDelivery(copy, s);
            originals.add(d);
            decisions.add(broker.deliveryInterceptors.run(chain, d, broker.interceptExecutor));
        }
        intercepted.clear();
        session.suspend();
        CompletableFuture.allOf(decisions.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            session.channel.eventLoop().execute(() -> afterDeliveryInterception(originals, decisions));
            return null;
        });
    }

    /** Back on the event loop: appends what the delivery interceptors let through, in routing order; reads on. */
    private void afterDeliveryInterception(List<InterceptedDelivery> originals,
            List<CompletableFuture<InterceptedDelivery>> decisions) {
        for (int i = 0, n = originals.size(); i < n; i++) {
            InterceptedDelivery d;
            try {
                d = decisions.get(i).join();
            } catch (CompletionException | CancellationException e) {
                LOG.error("{} - delivery interceptors failed; the message is delivered unchanged", session, e);
                d = originals.get(i);
            }
            if (d != null) {
                InterceptedMessage.Wire w = d.message.wire();
                deliveries.append(d.subscription, w.subject(), w.reply(), w.headerSize(), w.message());
            }
        }
        session.resume();
    }
}
