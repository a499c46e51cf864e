package io.dialtone.itests.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; tests never sleep to synchronise. */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(timeout, condition, () -> what);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, describing the failure (e.g. with the last state seen). */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + failure.get());
            }
            Thread.sleep(POLL_MILLIS); // the polling interval; the condition decides
        }
    }
}
