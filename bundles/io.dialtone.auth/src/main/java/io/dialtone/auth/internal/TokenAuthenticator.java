package io.dialtone.auth.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** nats-server's token authentication ({@code --auth}, {@code authorization { token }}); registered only when set. */
@Component(configurationPid = TokenAuthenticator.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TokenAuthenticator.Config.class)
public final class TokenAuthenticator implements Authenticator {

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.AUTH_TOKEN;

    @ObjectClassDefinition(name = "Dialtone token authentication")
    public @interface Config {
        @AttributeDefinition(description = "The token clients send as auth_token (plain or a bcrypt hash).",
                type = AttributeType.PASSWORD)
        String token();
    }

    private final String token;

    @Activate
    public TokenAuthenticator(Config config) {
        this.token = config.token();
    }

    @Override
    public AuthDecision authenticate(ConnectAttempt attempt) {
        if (attempt.token() == null) {
            return AuthDecision.abstain();
        }
        return Secrets.matches(token, attempt.token()) ? AuthDecision.allow(null, null)
                : AuthDecision.deny("wrong token");
    }
}
