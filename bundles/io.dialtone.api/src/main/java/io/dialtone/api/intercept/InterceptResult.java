package io.dialtone.api.intercept;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An interceptor's answer: pass the message on unchanged, replace parts of it, or drop it with a reason. */
public final class InterceptResult {

    private static final InterceptResult PASS = new InterceptResult(false, null, null, null, null, null);

    private final boolean drop;
    private final String reason;
    private final String subject;
    private final String reply;
    private final Map<String, List<String>> headers;
    private final byte[] payload;

    private InterceptResult(boolean drop, String reason, String subject, String reply,
            Map<String, List<String>> headers, byte[] payload) {
        this.drop = drop;
        this.reason = reason;
        this.subject = subject;
        this.reply = reply;
        this.headers = headers;
        this.payload = payload;
    }

    /** The message goes on unchanged. */
    public static InterceptResult pass() {
        return PASS;
    }

    /**
     * The message is not routed. The publisher is told as nats-server tells a refused publish
     * ({@code -ERR 'Permissions Violation for Publish to "<subject>"'}); {@code reason} goes to the server log.
     */
    public static InterceptResult drop(String reason) {
        return new InterceptResult(true, reason, null, null, null, null);
    }

    /** The message goes on with these parts replaced; a {@code null} argument keeps that part as it was. */
    public static InterceptResult modify(String subject, String reply, Map<String, List<String>> headers,
            byte[] payload) {
        return new InterceptResult(false, null, subject, reply,
                headers == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(headers)), payload);
    }

    public boolean isDrop() {
        return drop;
    }

    public String reason() {
        return reason;
    }

    /** The new subject, or {@code null} to keep it. */
    public String subject() {
        return subject;
    }

    /** The new reply subject, or {@code null} to keep it. */
    public String reply() {
        return reply;
    }

    /** The new headers, or {@code null} to keep them. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The new payload, or {@code null} to keep it. */
    public byte[] payload() {
        return payload;
    }
}
