package io.dialtone.api.auth;

/** An authenticator's answer: allow (as a user, in an account), deny (with a reason for the log), or abstain. */
public final class AuthDecision {

    /** The kinds of answer. */
    public enum Outcome { ALLOW, DENY, ABSTAIN }

    private static final AuthDecision ABSTAIN = new AuthDecision(Outcome.ABSTAIN, null, null, null, null);

    private final Outcome outcome;
    private final String user;
    private final String account;
    private final Permissions permissions;
    private final String reason;

    private AuthDecision(Outcome outcome, String user, String account, Permissions permissions, String reason) {
        this.outcome = outcome;
        this.user = user;
        this.account = account;
        this.permissions = permissions;
        this.reason = reason;
    }

    /**
     * Admit the client as {@code user} (may be null) into {@code account} (null = the global account), without
     * restrictions.
     */
    public static AuthDecision allow(String user, String account) {
        return new AuthDecision(Outcome.ALLOW, user, account, Permissions.ALL, null);
    }

    /**
     * Admit the client as {@code user} (may be null) into {@code account} (null = the global account), restricted
     * by {@code permissions} (null = unrestricted). An account the server does not know is created, empty.
     */
    public static AuthDecision allow(String user, String account, Permissions permissions) {
        return new AuthDecision(Outcome.ALLOW, user, account, permissions == null ? Permissions.ALL : permissions,
                null);
    }

    /** Refuse the client; {@code reason} goes to the server log, never to the client. */
    public static AuthDecision deny(String reason) {
        return new AuthDecision(Outcome.DENY, null, null, null, reason);
    }

    /** Leave the decision to the next authenticator. */
    public static AuthDecision abstain() {
        return ABSTAIN;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String user() {
        return user;
    }

    public String account() {
        return account;
    }

    /** What an admitted client may do; {@link Permissions#ALL} when unrestricted, null unless allowed. */
    public Permissions permissions() {
        return permissions;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return outcome + (user != null ? " user " + user : "") + (reason != null ? " (" + reason + ")" : "");
    }
}
