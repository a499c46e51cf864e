package io.dialtone.api.intercept;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees each message a client publishes on a matching subject before it is routed. Interceptors run in
 * {@code service.ranking} order (highest first), each on the result of the one before, off the event loop; a client's
 * messages keep their order through them. Return a completed stage for a synchronous answer.
 */
@ConsumerType
public interface PublishInterceptor {

    /** Service property: the subjects to intercept, a NATS subject pattern ({@code *}, {@code >}); default {@code >}. */
    String SUBJECT = "dialtone.interceptor.subject";
    /** Service property: milliseconds to wait for the answer; default 1000. */
    String TIMEOUT = "dialtone.interceptor.timeout";
    /** Service property: what a failure or a timeout does: {@code pass} (default, the message goes on) or {@code drop}. */
    String FALLBACK = "dialtone.interceptor.fallback";

    /** Decides on one message: pass it, change it, or drop it. */
    CompletionStage<InterceptResult> onPublish(PublishedMessage message);
}
