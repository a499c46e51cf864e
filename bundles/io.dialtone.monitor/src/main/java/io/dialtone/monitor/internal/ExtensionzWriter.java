package io.dialtone.monitor.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dialtone.api.runtime.AuthenticatorDTO;
import io.dialtone.api.runtime.InterceptorDTO;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * /extensionz, a Dialtone endpoint (nats-server has none like it): the registered interceptors of both kinds and the
 * authenticators, with their counters and last failures, in the style of nats-server's endpoints.
 */
final class ExtensionzWriter {

    private ExtensionzWriter() {
    }

    static void write(JsonGenerator g, String serverId, Instant now, List<InterceptorDTO> interceptors,
            List<AuthenticatorDTO> authenticators) throws IOException {
        g.writeStartObject();
        g.writeStringField("server_id", serverId);
        g.writeStringField("now", GoFormat.time(now));
        g.writeArrayFieldStart("interceptors");
        for (InterceptorDTO i : interceptors) {
            g.writeStartObject();
            g.writeStringField("kind", i.kind);
            identity(g, i.type, i.bundle, i.serviceId, i.ranking);
            g.writeStringField("subject", i.subject);
            g.writeNumberField("timeout_ms", i.timeoutMillis);
            g.writeStringField("fallback", i.fallback);
            g.writeNumberField("invocations", i.invocations);
            g.writeNumberField("modified", i.modified);
            g.writeNumberField("dropped", i.drops);
            g.writeNumberField("failures", i.failures);
            g.writeNumberField("timeouts", i.timeouts);
            Json.optional(g, "last_failure", i.lastFailure);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("authenticators");
        for (AuthenticatorDTO a : authenticators) {
            g.writeStartObject();
            g.writeStringField("name", a.name);
            identity(g, a.type, a.bundle, a.serviceId, a.ranking);
            g.writeNumberField("allowed", a.allowed);
            g.writeNumberField("denied", a.denied);
            g.writeNumberField("abstained", a.abstained);
            g.writeNumberField("failures", a.failures);
            Json.optional(g, "last_failure", a.lastFailure);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** What says which service an entry is: its class, bundle, service id and ranking. */
    private static void identity(JsonGenerator g, String type, String bundle, long serviceId, int ranking)
            throws IOException {
        g.writeStringField("type", type);
        g.writeStringField("bundle", bundle);
        g.writeNumberField("service_id", serviceId);
        g.writeNumberField("ranking", ranking);
    }
}
