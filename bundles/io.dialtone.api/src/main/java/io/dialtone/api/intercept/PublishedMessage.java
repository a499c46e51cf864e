package io.dialtone.api.intercept;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** A published message as interceptors see it: copies, never the broker's buffers. */
@ProviderType
public interface PublishedMessage {

    String subject();

    /** The reply subject, or {@code null}. */
    String reply();

    /** The headers (name to values, in order); empty when the message has none. Read-only. */
    Map<String, List<String>> headers();

    /** The payload; a copy the interceptor may keep. */
    byte[] payload();

    /** The publishing client's id. */
    long clientId();

    /** The publishing client's CONNECT name, or empty. */
    String clientName();
}
