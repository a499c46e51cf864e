package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import io.dialtone.api.runtime.AuthenticatorDTO;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The authenticator chain counts each authenticator's answers. */
class AuthenticatorStatsTest {

    private final AuthenticatorStats stats = new AuthenticatorStats();

    private static Map.Entry<Map<String, Object>, Authenticator> entry(long id, int ranking, Authenticator a) {
        return Map.entry(Map.of(Constants.SERVICE_ID, id, Constants.SERVICE_RANKING, ranking, "component.name",
                "auth" + id), a);
    }

    private static ConnectAttempt attempt(String user) {
        return (ConnectAttempt) Proxy.newProxyInstance(ConnectAttempt.class.getClassLoader(),
                new Class<?>[] {ConnectAttempt.class}, (p, m, args) -> switch (m.getName()) {
                    case "user" -> user;
                    case "clientId" -> 1L;
                    default -> null;
                });
    }

    @Test
    void eachAnswerIsCountedForTheAuthenticatorThatGaveIt() {
        // DS's order: lowest ranking first; asked highest first
        List<Map.Entry<Map<String, Object>, Authenticator>> chain = List.of(
                entry(1, 0, a -> "bob".equals(a.user()) ? AuthDecision.allow("bob", null) : AuthDecision.deny("who?")),
                entry(2, 5, a -> {
                    if ("crash".equals(a.user())) {
                        throw new IllegalStateException("broken");
                    }
                    return AuthDecision.abstain();
                }),
                entry(3, 10, a -> "alice".equals(a.user()) ? AuthDecision.allow("alice", null) : null));

        assertEquals(AuthDecision.Outcome.ALLOW, Authentication.decide(chain, attempt("alice"), stats).outcome());
        assertEquals(AuthDecision.Outcome.ALLOW, Authentication.decide(chain, attempt("bob"), stats).outcome());
        assertEquals(AuthDecision.Outcome.DENY, Authentication.decide(chain, attempt("crash"), stats).outcome());

        List<AuthenticatorDTO> dtos = stats.dtos(chain, p -> "bundle" + p.get(Constants.SERVICE_ID));
        assertEquals(List.of("auth3", "auth2", "auth1"), dtos.stream().map(d -> d.name).toList());
        AuthenticatorDTO top = dtos.get(0);
        assertEquals(1, top.allowed);
        assertEquals(2, top.abstained, "a null answer abstains");
        assertEquals(10, top.ranking);
        assertEquals("bundle3", top.bundle);
        AuthenticatorDTO middle = dtos.get(1);
        assertEquals(1, middle.abstained, "bob; crash counts as a failure only");
        assertEquals(1, middle.failures);
        assertTrue(middle.lastFailure.contains("broken"), middle.lastFailure);
        AuthenticatorDTO last = dtos.get(2);
        assertEquals(1, last.allowed);
        assertEquals(1, last.denied);
        assertEquals(1, last.serviceId);
    }

    @Test
    void theCountersOfAnAuthenticatorThatLeftAreDropped() {
        Map.Entry<Map<String, Object>, Authenticator> e = entry(1, 0, a -> AuthDecision.deny("no"));
        Authentication.decide(List.of(e), attempt("x"), stats);
        assertEquals(1, stats.dtos(List.of(e), p -> "").get(0).denied, "counted while registered");
        stats.dtos(List.of(), p -> "");
        assertEquals(0, stats.dtos(List.of(e), p -> "").get(0).denied);
    }
}
