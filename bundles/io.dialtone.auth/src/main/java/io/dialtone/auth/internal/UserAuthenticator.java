package io.dialtone.auth.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One user with a password ({@code --user/--pass}, {@code authorization { user, password }} or an entry of
 * {@code users}): one factory configuration, one authenticator, per user.
 */
@Component(configurationPid = UserAuthenticator.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UserAuthenticator.Config.class, factory = true)
public final class UserAuthenticator implements Authenticator {

    /** The factory configuration PID; stable once released. */
    public static final String FACTORY_PID = ConfigurationPids.AUTH_USER_FACTORY;

    @ObjectClassDefinition(name = "Dialtone user")
    public @interface Config {
        @AttributeDefinition(description = "User name.")
        String user();

        @AttributeDefinition(description = "Password (plain or a bcrypt hash).", type = AttributeType.PASSWORD)
        String password();
    }

    private final String user;
    private final String password;
    private final Grants grants;

    @Activate
    public UserAuthenticator(Config config, Map<String, Object> properties) {
        this.user = config.user();
        this.password = config.password();
        this.grants = Grants.from(properties);
    }

    @Override
    public AuthDecision authenticate(ConnectAttempt attempt) {
        if (grants.admitsWithoutCredentials(attempt)) {
            return grants.allow(user);
        }
        if (!user.equals(attempt.user())) {
            return AuthDecision.abstain();
        }
        return Secrets.matches(password, attempt.password()) ? grants.allow(user)
                : AuthDecision.deny("wrong password for user \"" + user + "\"");
    }
}
