package io.dialtone.example.stamp.internal;

import io.dialtone.api.intercept.DeliveredMessage;
import io.dialtone.api.intercept.DeliveryInterceptor;
import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.intercept.PublishInterceptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The delivery half of the template: tells each subscriber of the configured subjects, in a header, which delivery it
 * got (its CONNECT name, or its client id when it has none). One message published once reaches two subscribers with
 * two different headers. Configured as {@code io.dialtone.example.stamp.delivery}.
 */
@Component(configurationPid = DeliveryStampInterceptor.PID, property = PublishInterceptor.SUBJECT + "=stamp.>")
@Designate(ocd = DeliveryStampInterceptor.Config.class)
public final class DeliveryStampInterceptor implements DeliveryInterceptor {

    public static final String PID = "io.dialtone.example.stamp.delivery";

    @ObjectClassDefinition(name = "Dialtone example: delivery stamp interceptor")
    public @interface Config {
        @AttributeDefinition(name = "Subjects", description = "Which subjects to stamp on delivery (NATS pattern).")
        String dialtone_interceptor_subject() default "stamp.>";

        @AttributeDefinition(description = "Header name.")
        String header() default "X-Dialtone-Delivered-To";
    }

    private final String header;

    @Activate
    public DeliveryStampInterceptor(Config config) {
        this.header = config.header();
    }

    @Override
    public CompletionStage<InterceptResult> onDeliver(DeliveredMessage message) {
        Map<String, List<String>> headers = new LinkedHashMap<>(message.headers());
        String to = message.subscriberName().isEmpty() ? "cid:" + message.subscriberId() : message.subscriberName();
        headers.put(header, List.of(to));
        return CompletableFuture.completedFuture(InterceptResult.modify(null, null, headers, null));
    }
}
