package io.dialtone.core.internal;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticator chain over the registered {@link Authenticator} services (a snapshot; DS replaces the list when
 * services come and go). Runs on the broker's auth executor, never on an event loop.
 */
final class Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Authentication() {
    }

    /** Whether any authenticator is registered: then every client must authenticate. */
    static boolean required(List<Map.Entry<Map<String, Object>, Authenticator>> chain) {
        return !chain.isEmpty();
    }

    /** Whether INFO says auth_required: not when an authenticator admits clients without credentials. */
    static boolean advertised(List<Map.Entry<Map<String, Object>, Authenticator>> chain) {
        return required(chain) && !anyProperty(chain, Authenticator.ADMITS_ANONYMOUS);
    }

    /** Whether an authenticator wants a nonce in INFO. */
    static boolean wantsNonce(List<Map.Entry<Map<String, Object>, Authenticator>> chain) {
        return anyProperty(chain, Authenticator.NONCE);
    }

    private static boolean anyProperty(List<Map.Entry<Map<String, Object>, Authenticator>> chain, String key) {
        for (Map.Entry<Map<String, Object>, Authenticator> e : chain) {
            if (Boolean.parseBoolean(String.valueOf(e.getKey().get(key)))) {
                return true;
            }
        }
        return false;
    }

    /** nats-server's nonce: 11 random bytes, base64 raw-URL encoded (15 characters). */
    static String nonce() {
        byte[] raw = new byte[11];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * Asks the authenticators, highest ranking first (DS sorts the list lowest first); the first allow or deny
     * decides, all abstaining is a denial. A throwing authenticator is logged and abstains. Each answer is counted in
     * {@code stats}.
     */
    static AuthDecision decide(List<Map.Entry<Map<String, Object>, Authenticator>> chain, ConnectAttempt attempt,
            AuthenticatorStats stats) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            Authenticator a = chain.get(i).getValue();
            AuthenticatorStats.Counters counters = stats.of(chain.get(i).getKey());
            AuthDecision d;
            try {
                d = a.authenticate(attempt);
            } catch (RuntimeException | Error e) {
                counters.failed(e);
                LOG.error("Authenticator {} failed on cid:{}; it abstains", a.getClass().getName(), attempt.clientId(), e);
                continue;
            }
            counters.decided(d);
            if (d != null && d.outcome() != AuthDecision.Outcome.ABSTAIN) {
                return d;
            }
        }
        return AuthDecision.deny("no authenticator admitted the client");
    }
}
