package io.dialtone.api.auth;

/** An authenticator's answer: allow (as a user, in an account), deny (with a reason for the log), or abstain. */
public final class AuthDecision {

    /** The kinds of answer. */
    public enum Outcome { ALLOW, DENY, ABSTAIN }

    private static final AuthDecision ABSTAIN = new AuthDecision(Outcome.ABSTAIN, null, null, null);

    private final Outcome outcome;
    private final String user;
    private final String account;
    private final String reason;

    private AuthDecision(Outcome outcome, String user, String account, String reason) {
        this.outcome = outcome;
        this.user = user;
        this.account = account;
        this.reason = reason;
    }

    /** Admit the client as {@code user} (may be null) into {@code account} (null = the global account). */
    public static AuthDecision allow(String user, String account) {
        return new AuthDecision(Outcome.ALLOW, user, account, null);
    }

    /** Refuse the client; {@code reason} goes to the server log, never to the client. */
    public static AuthDecision deny(String reason) {
        return new AuthDecision(Outcome.DENY, null, null, reason);
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

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return outcome + (user != null ? " user " + user : "") + (reason != null ? " (" + reason + ")" : "");
    }
}
