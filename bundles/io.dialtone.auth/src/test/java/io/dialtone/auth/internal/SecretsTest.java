package io.dialtone.auth.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void plainAndBcrypt() {
        assertTrue(Secrets.matches("s3cr3t", "s3cr3t"));
        assertFalse(Secrets.matches("s3cr3t", "s3cr3"));
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        assertTrue(Secrets.isBcrypt(hash));
        assertTrue(Secrets.matches(hash, "pw"));
        assertFalse(Secrets.matches(hash, "nope"));
        assertFalse(Secrets.matches("x", null));
    }
}
