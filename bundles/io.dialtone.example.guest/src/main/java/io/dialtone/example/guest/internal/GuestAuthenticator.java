package io.dialtone.example.guest.internal;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import org.osgi.service.component.annotations.Component;

/**
 * Admits the user {@code guest} with password {@code guest}, whatever the configuration says, and abstains on
 * everyone else (so the configured users still work). Ranked below the built-ins.
 */
@Component(property = "service.ranking:Integer=-10")
public final class GuestAuthenticator implements Authenticator {

    @Override
    public AuthDecision authenticate(ConnectAttempt attempt) {
        if ("guest".equals(attempt.user()) && "guest".equals(attempt.password())) {
            return AuthDecision.allow("guest", null);
        }
        return AuthDecision.abstain();
    }
}
