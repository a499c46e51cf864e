package io.dialtone.core.internal;

import io.dialtone.api.intercept.DeliveredMessage;
import io.dialtone.api.intercept.InterceptResult;
import java.util.List;
import java.util.Map;

/**
 * A message on its way to one subscription, as delivery interceptors see it: the copy made once per message for all
 * its intercepted deliveries, plus the subscription. Changes apply to this delivery only.
 */
final class InterceptedDelivery implements DeliveredMessage {

    final InterceptedMessage message;
    final Subscription subscription;

    InterceptedDelivery(InterceptedMessage message, Subscription subscription) {
        this.message = message;
        this.subscription = subscription;
    }

    /** This delivery with what {@code result} replaces; the subject was routed on and cannot change. */
    InterceptedDelivery apply(InterceptResult result) {
        if (result.subject() != null && !result.subject().equals(message.subject())) {
            throw new IllegalArgumentException("a delivery interceptor cannot change the subject (\""
                    + message.subject() + "\" to \"" + result.subject() + "\")");
        }
        return new InterceptedDelivery(message.apply(result), subscription);
    }

    @Override
    public String subject() {
        return message.subject();
    }

    @Override
    public String reply() {
        return message.reply();
    }

    @Override
    public Map<String, List<String>> headers() {
        return message.headers();
    }

    @Override
    public byte[] payload() {
        return message.payload();
    }

    @Override
    public long clientId() {
        return message.clientId();
    }

    @Override
    public String clientName() {
        return message.clientName();
    }

    @Override
    public long subscriberId() {
        return subscription.owner.id();
    }

    @Override
    public String subscriberName() {
        return subscription.owner.name();
    }

    @Override
    public String sid() {
        return subscription.sid;
    }

    @Override
    public String subscription() {
        return subscription.subject;
    }

    @Override
    public String queue() {
        return subscription.queue;
    }
}
