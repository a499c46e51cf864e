package io.dialtone.auth.internal;

import io.dialtone.api.auth.ConnectAttempt;

/** A CONNECT as the tests present it to an authenticator; what was not sent is null. */
record Attempt(String user, String password, String token, String nkey, String signature, String nonce)
        implements ConnectAttempt {

    static Attempt user(String user, String password) {
        return new Attempt(user, password, null, null, null, null);
    }

    static Attempt nkey(String nkey, String signature, String nonce) {
        return new Attempt(null, null, null, nkey, signature, nonce);
    }

    @Override
    public long clientId() {
        return 1;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:1";
    }

    @Override
    public String jwt() {
        return null;
    }

    @Override
    public String name() {
        return null;
    }
}
