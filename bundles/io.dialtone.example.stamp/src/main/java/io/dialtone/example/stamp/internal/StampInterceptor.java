package io.dialtone.example.stamp.internal;

import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.intercept.PublishInterceptor;
import io.dialtone.api.intercept.PublishedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stamps a header on every message published on the configured subjects and counts them. The subject filter is a
 * service property the broker reads ({@code dialtone.interceptor.subject}); set it, the header and its value in
 * the configuration {@code io.dialtone.example.stamp} (e.g. {@code deploy/io.dialtone.example.stamp.config}).
 */
@Component(configurationPid = StampInterceptor.PID, property = PublishInterceptor.SUBJECT + "=stamp.>")
@Designate(ocd = StampInterceptor.Config.class)
public final class StampInterceptor implements PublishInterceptor {

    public static final String PID = "io.dialtone.example.stamp";

    @ObjectClassDefinition(name = "Dialtone example: stamp interceptor")
    public @interface Config {
        @AttributeDefinition(name = "Subjects", description = "Which subjects to stamp (NATS pattern).")
        String dialtone_interceptor_subject() default "stamp.>";

        @AttributeDefinition(description = "Header name.")
        String header() default "X-Dialtone-Stamp";

        @AttributeDefinition(description = "Header value.")
        String value() default "stamped";
    }

    private static final Logger LOG = LoggerFactory.getLogger(StampInterceptor.class);
    private final AtomicLong stamped = new AtomicLong();
    private final String header;
    private final String value;

    @Activate
    public StampInterceptor(Config config) {
        this.header = config.header();
        this.value = config.value();
    }

    @Deactivate
    void deactivate() {
        LOG.info("Stamp interceptor stamped {} messages", stamped.get());
    }

    @Override
    public CompletionStage<InterceptResult> onPublish(PublishedMessage message) {
        Map<String, List<String>> headers = new LinkedHashMap<>(message.headers());
        List<String> values = new ArrayList<>(headers.getOrDefault(header, List.of()));
        values.add(value);
        headers.put(header, values);
        stamped.incrementAndGet();
        return CompletableFuture.completedFuture(InterceptResult.modify(null, null, headers, null));
    }
}
