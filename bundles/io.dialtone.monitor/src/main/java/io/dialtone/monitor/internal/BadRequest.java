package io.dialtone.monitor.internal;

/** A query nats-server would answer with 400 and this text. */
final class BadRequest extends Exception {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
