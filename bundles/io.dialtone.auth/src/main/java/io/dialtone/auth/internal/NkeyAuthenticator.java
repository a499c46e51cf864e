package io.dialtone.auth.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One nkey user ({@code authorization { users: [ {nkey: U...} ] }}): one factory configuration, one authenticator, per
 * key. Asks for a nonce in INFO; the client signs the nonce string's bytes with its ed25519 seed and sends {@code nkey}
 * and {@code sig} (base64 raw URL or standard), as nats-server's auth.go checks it.
 */
@Component(configurationPid = NkeyAuthenticator.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Authenticator.NONCE + ":Boolean=true")
@Designate(ocd = NkeyAuthenticator.Config.class, factory = true)
public final class NkeyAuthenticator implements Authenticator {

    /** The factory configuration PID; stable once released. */
    public static final String FACTORY_PID = ConfigurationPids.AUTH_NKEY_FACTORY;

    @ObjectClassDefinition(name = "Dialtone nkey user")
    public @interface Config {
        @AttributeDefinition(description = "The user's public nkey (56 characters, starting with U).")
        String nkey();
    }

    private final String nkey;
    private final PublicKey key;
    private final Grants grants;

    @Activate
    public NkeyAuthenticator(Config config, Map<String, Object> properties) {
        this.nkey = config.nkey();
        this.key = NKeys.userPublicKey(nkey);
        this.grants = Grants.from(properties);
    }

    @Override
    public AuthDecision authenticate(ConnectAttempt attempt) {
        if (grants.admitsWithoutCredentials(attempt)) {
            return grants.allow(nkey);
        }
        if (!nkey.equals(attempt.nkey())) {
            return AuthDecision.abstain();
        }
        String nonce = attempt.nonce();
        if (nonce == null) {
            return AuthDecision.deny("no nonce was sent to nkey " + nkey);
        }
        byte[] sig = NKeys.decodeSignature(attempt.signature());
        if (sig == null) {
            return AuthDecision.deny("signature for nkey " + nkey + " missing or not base64");
        }
        return NKeys.verify(key, nonce.getBytes(StandardCharsets.UTF_8), sig) ? grants.allow(nkey)
                : AuthDecision.deny("signature not valid for nkey " + nkey);
    }
}
