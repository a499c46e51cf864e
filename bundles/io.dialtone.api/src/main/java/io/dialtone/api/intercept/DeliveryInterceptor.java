package io.dialtone.api.intercept;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees each message once per subscriber, after routing and before it is queued for that subscriber: the outbound
 * half of the interceptor SPI ({@link PublishInterceptor} is the inbound half). Filtered, ordered and contained as
 * publish interceptors are, with the same service properties ({@link PublishInterceptor#SUBJECT},
 * {@link PublishInterceptor#TIMEOUT}, {@link PublishInterceptor#FALLBACK}, {@code service.ranking}): the subject
 * filter applies to the message's subject; interceptors run highest ranking first, each on the result of the one
 * before, off the event loop, within their timeout; one that throws or is late gets its fallback ({@code pass}
 * delivers the message as it came, {@code drop} does not deliver it), is logged with its bundle and counted.
 *
 * <p>An answer may pass the message, change its reply subject, headers or payload for this subscriber only, or drop
 * it: the subscriber does not get it and the publisher is not told (a queue group does not pick another member). The
 * subject stays the one the message was routed on: an answer that changes it counts as a failure and gets the
 * fallback. Messages from one publisher reach each subscriber in the order they were published; the publisher's
 * operations wait for the deliveries of its message to be decided.
 */
@ConsumerType
public interface DeliveryInterceptor {

    /** Decides on one delivery: pass it, change it for this subscriber, or drop it. */
    CompletionStage<InterceptResult> onDeliver(DeliveredMessage message);
}
