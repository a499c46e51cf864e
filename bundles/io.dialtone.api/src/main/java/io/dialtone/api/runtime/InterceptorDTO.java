package io.dialtone.api.runtime;

/** A registered interceptor and how it has fared. */
public class InterceptorDTO {
    /** The implementation class. */
    public String type;
    /** The bundle that registered it. */
    public String bundle;
    public String subject;
    public int ranking;
    public long invocations;
    public long drops;
    public long failures;
    public long timeouts;
    /** The last failure or timeout, or null. */
    public String lastFailure;
}
