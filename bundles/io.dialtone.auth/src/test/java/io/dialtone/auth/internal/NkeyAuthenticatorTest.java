package io.dialtone.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dialtone.api.auth.AuthDecision.Outcome;
import io.dialtone.api.auth.ConnectAttempt;
import io.nats.client.NKey;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NkeyAuthenticatorTest {

    private static final String NONCE = "abcdefghijk-_01";

    private static NkeyAuthenticator authenticator(String nkey) {
        return new NkeyAuthenticator(new NkeyAuthenticator.Config() {
            @Override
            public String nkey() {
                return nkey;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return NkeyAuthenticator.Config.class;
            }
        }, java.util.Map.of("nkey", nkey));
    }

    private static ConnectAttempt attempt(String nkey, String sig, String nonce) {
        return Attempt.nkey(nkey, sig, nonce);
    }

    private static String sign(NKey key, String nonce, Base64.Encoder encoder) throws Exception {
        return encoder.encodeToString(key.sign(nonce.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signedNonceIsAllowedWrongSignatureDeniedOtherKeysAbstain() throws Exception {
        NKey user = NKey.createUser(null);
        NKey other = NKey.createUser(null);
        String pub = new String(user.getPublicKey());
        NkeyAuthenticator a = authenticator(pub);

        var ok = a.authenticate(attempt(pub, sign(user, NONCE, Base64.getUrlEncoder().withoutPadding()), NONCE));
        assertEquals(Outcome.ALLOW, ok.outcome());
        assertEquals(pub, ok.user());
        // standard base64 (with padding) is accepted too, as nats-server does
        assertEquals(Outcome.ALLOW,
                a.authenticate(attempt(pub, sign(user, NONCE, Base64.getEncoder()), NONCE)).outcome());

        // signed by another key, over another nonce, garbage, missing, no nonce: denied
        assertEquals(Outcome.DENY, a.authenticate(attempt(pub,
                sign(other, NONCE, Base64.getUrlEncoder().withoutPadding()), NONCE)).outcome());
        assertEquals(Outcome.DENY, a.authenticate(attempt(pub,
                sign(user, "another-nonce00", Base64.getUrlEncoder().withoutPadding()), NONCE)).outcome());
        assertEquals(Outcome.DENY, a.authenticate(attempt(pub, "!!not base64!!", NONCE)).outcome());
        assertEquals(Outcome.DENY, a.authenticate(attempt(pub, null, NONCE)).outcome());
        assertEquals(Outcome.DENY, a.authenticate(attempt(pub,
                sign(user, NONCE, Base64.getUrlEncoder().withoutPadding()), null)).outcome());

        // another key, or no key at all: not this authenticator's business
        String otherPub = new String(other.getPublicKey());
        assertEquals(Outcome.ABSTAIN, a.authenticate(attempt(otherPub,
                sign(other, NONCE, Base64.getUrlEncoder().withoutPadding()), NONCE)).outcome());
        assertEquals(Outcome.ABSTAIN, a.authenticate(attempt(null, null, NONCE)).outcome());
    }

    @Test
    void onlyValidUserPublicKeysAreAccepted() throws Exception {
        NKey user = NKey.createUser(null);
        String pub = new String(user.getPublicKey());
        NKeys.userPublicKey(pub);
        // a seed, an account key, a broken checksum, nonsense
        assertThrows(IllegalArgumentException.class, () -> authenticator(new String(user.getSeed())));
        assertThrows(IllegalArgumentException.class,
                () -> authenticator(new String(NKey.createAccount(null).getPublicKey())));
        char last = pub.charAt(pub.length() - 1);
        String broken = pub.substring(0, pub.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(IllegalArgumentException.class, () -> authenticator(broken));
        assertThrows(IllegalArgumentException.class, () -> authenticator("Unope"));
    }
}
