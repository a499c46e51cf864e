package io.dialtone.core.internal;

import java.security.SecureRandom;

/**
 * The server's public id. nats-server shows the public key of a fresh server nkey: 56 characters of base32 starting
 * with {@code N}. Clients treat it as opaque, so a random id of the same shape serves until nkeys land with auth.
 */
final class ServerIdentity {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int LENGTH = 56;

    private ServerIdentity() {
    }

    static String newServerId() {
        SecureRandom random = new SecureRandom();
        char[] id = new char[LENGTH];
        id[0] = 'N';
        for (int i = 1; i < LENGTH; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }
}
