package io.dialtone.auth.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Compares a presented secret with a configured one: a configured value that looks like a bcrypt hash
 * ({@code $2a$}, {@code $2b$}, {@code $2x$}, {@code $2y$}, as nats-server's auth.go decides) is verified with bcrypt,
 * anything else compared as plain text in constant time.
 */
final class Secrets {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[abxy]\\$\\d{2}\\$.*");

    private Secrets() {
    }

    static boolean isBcrypt(String configured) {
        return BCRYPT.matcher(configured).matches();
    }

    static boolean matches(String configured, String presented) {
        if (configured == null || presented == null) {
            return false;
        }
        if (isBcrypt(configured)) {
            return BCrypt.verifyer().verify(presented.getBytes(StandardCharsets.UTF_8),
                    configured.getBytes(StandardCharsets.UTF_8)).verified;
        }
        return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
