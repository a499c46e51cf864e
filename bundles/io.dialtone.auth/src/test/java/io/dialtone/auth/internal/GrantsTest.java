package io.dialtone.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.ConnectAttempt;
import io.dialtone.api.auth.Permissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantsTest {

    private static ConnectAttempt attempt(String user, String token) {
        return new Attempt(user, null, token, null, null, null);
    }

    @Test
    void readsTheUsersConfiguration() {
        AuthDecision d = Grants.from(Map.of(Grants.ACCOUNT, "A", Grants.PUBLISH_ALLOW, new String[] {"a.>", "b"},
                Grants.SUBSCRIBE_DENY, List.of("x q"), Grants.ALLOW_RESPONSES, true, Grants.RESPONSES_MAX, 3))
                .allow("u");
        assertEquals("A", d.account());
        Permissions p = d.permissions();
        assertEquals(List.of("a.>", "b"), p.publishAllow());
        assertEquals(List.of(), p.publishDeny());
        assertEquals(List.of("x q"), p.subscribeDeny());
        assertEquals(new Permissions.Responses(3, Duration.ofMinutes(2)), p.responses());
    }

    @Test
    void nothingConfiguredIsUnrestrictedInTheGlobalAccount() {
        AuthDecision d = Grants.from(Map.of()).allow("u");
        assertNull(d.account());
        assertTrue(d.permissions().unrestricted());
        assertNull(d.permissions().responses());
    }

    @Test
    void theNoAuthUserTakesOnlyClientsWithoutCredentials() {
        Grants g = Grants.from(Map.of(Grants.NO_AUTH_USER, true));
        assertTrue(g.admitsWithoutCredentials(attempt(null, null)));
        assertTrue(g.admitsWithoutCredentials(attempt("", null)));
        assertFalse(g.admitsWithoutCredentials(attempt("bob", null)));
        assertFalse(g.admitsWithoutCredentials(attempt(null, "t")));
        assertFalse(Grants.from(Map.of()).admitsWithoutCredentials(attempt(null, null)));
    }
}
