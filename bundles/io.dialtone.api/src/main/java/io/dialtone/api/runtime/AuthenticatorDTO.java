package io.dialtone.api.runtime;

/** A registered authenticator and how it has decided. */
public class AuthenticatorDTO {
    /** The component name when it is a DS component, else the implementation class. */
    public String name;
    /** The implementation class. */
    public String type;
    /** The bundle that registered it (symbolic name). */
    public String bundle;
    /** The service id of its registration. */
    public long serviceId;
    public int ranking;
    /** CONNECTs it admitted. */
    public long allowed;
    /** CONNECTs it refused. */
    public long denied;
    /** CONNECTs it left to the next authenticator. */
    public long abstained;
    /** Calls that threw (the authenticator then abstains; counted here, not under {@link #abstained}). */
    public long failures;
    /** The last failure, or null. */
    public String lastFailure;
}
