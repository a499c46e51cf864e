package io.dialtone.api.runtime;

/** A registered interceptor and how it has fared. */
public class InterceptorDTO {
    /** {@link #PUBLISH} or {@link #DELIVERY}. */
    public static final String PUBLISH = "publish";
    public static final String DELIVERY = "delivery";

    /** Which half of the SPI: {@code publish} (inbound) or {@code delivery} (outbound, per subscriber). */
    public String kind;
    /** The implementation class. */
    public String type;
    /** The bundle that registered it (symbolic name). */
    public String bundle;
    /** The service id of its registration. */
    public long serviceId;
    /** The subjects it sees (a NATS pattern). */
    public String subject;
    public int ranking;
    /** Milliseconds it may take for one answer. */
    public long timeoutMillis;
    /** What a failure or a timeout does: {@code pass} or {@code drop}. */
    public String fallback;
    /** Messages handed to it. */
    public long invocations;
    /** Answers that changed the message. */
    public long modified;
    /** Answers that dropped the message. */
    public long drops;
    /** Calls that threw or completed exceptionally (or answered what this kind may not change). */
    public long failures;
    /** Calls that did not answer within {@link #timeoutMillis}. */
    public long timeouts;
    /** The last failure or timeout, or null. */
    public String lastFailure;
}
