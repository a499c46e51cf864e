package io.dialtone.router;

/**
 * Receives the subscriptions of a {@link SubjectIndex}, one call per inserted subscription.
 *
 * @param <S> the subscription type
 */
@FunctionalInterface
public interface SubscriptionVisitor<S> {

    /**
     * Visits one subscription.
     *
     * @param subject the subject (pattern) it was inserted under
     * @param queue   its queue group, or {@code null} for a plain subscription
     * @param sub     the subscription
     */
    void visit(String subject, String queue, S sub);
}
