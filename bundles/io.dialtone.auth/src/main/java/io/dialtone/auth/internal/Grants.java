package io.dialtone.auth.internal;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.ConnectAttempt;
import io.dialtone.api.auth.Permissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a configured user is granted: its account and permissions, read from the user's configuration properties
 * (written by io.dialtone.config from nats-server's {@code permissions} block, or by an operator in the Web Console):
 * {@code account}, {@code publish_allow}, {@code publish_deny}, {@code subscribe_allow}, {@code subscribe_deny}
 * (string arrays), {@code allow_responses} (boolean), {@code responses_max} (int), {@code responses_expires_ms}
 * (long), and {@code no_auth_user} (boolean: clients that present no credentials are admitted as this user).
 */
final class Grants {

    static final String ACCOUNT = "account";
    static final String PUBLISH_ALLOW = "publish_allow";
    static final String PUBLISH_DENY = "publish_deny";
    static final String SUBSCRIBE_ALLOW = "subscribe_allow";
    static final String SUBSCRIBE_DENY = "subscribe_deny";
    static final String ALLOW_RESPONSES = "allow_responses";
    static final String RESPONSES_MAX = "responses_max";
    static final String RESPONSES_EXPIRES_MS = "responses_expires_ms";
    static final String NO_AUTH_USER = io.dialtone.api.auth.Authenticator.ADMITS_ANONYMOUS;

    private final String account;
    private final Permissions permissions;
    private final boolean noAuthUser;

    private Grants(String account, Permissions permissions, boolean noAuthUser) {
        this.account = account;
        this.permissions = permissions;
        this.noAuthUser = noAuthUser;
    }

    static Grants from(Map<String, Object> props) {
        Object account = props.get(ACCOUNT);
        Permissions.Responses responses = null;
        if (Boolean.parseBoolean(String.valueOf(props.get(ALLOW_RESPONSES)))) {
            Object max = props.get(RESPONSES_MAX);
            Object expires = props.get(RESPONSES_EXPIRES_MS);
            responses = new Permissions.Responses(
                    max == null ? Permissions.Responses.DEFAULT.max() : Integer.parseInt(max.toString()),
                    expires == null ? Permissions.Responses.DEFAULT.expires()
                            : Duration.ofMillis(Long.parseLong(expires.toString())));
        }
        Permissions p = Permissions.of(strings(props.get(PUBLISH_ALLOW)), strings(props.get(PUBLISH_DENY)),
                strings(props.get(SUBSCRIBE_ALLOW)), strings(props.get(SUBSCRIBE_DENY)), responses);
        return new Grants(account == null || account.toString().isEmpty() ? null : account.toString(), p,
                Boolean.parseBoolean(String.valueOf(props.get(NO_AUTH_USER))));
    }

    /** A Config Admin value as a list of strings: a String[], a collection, or a single string. */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[]) {
            out.addAll(List.of((String[]) value));
        } else if (value instanceof Collection) {
            ((Collection<?>) value).forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null && !value.toString().isEmpty()) {
            out.add(value.toString());
        }
        return out;
    }

    /** Admits {@code user} with these grants. */
    AuthDecision allow(String user) {
        return AuthDecision.allow(user, account, permissions);
    }

    /** Whether this is the no_auth_user and the attempt presents no credentials at all. */
    boolean admitsWithoutCredentials(ConnectAttempt a) {
        return noAuthUser && empty(a.user()) && empty(a.password()) && empty(a.token()) && empty(a.nkey())
                && empty(a.jwt());
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
