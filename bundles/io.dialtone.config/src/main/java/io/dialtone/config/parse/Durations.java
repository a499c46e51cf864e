package io.dialtone.config.parse;

import io.dialtone.protocol.GoDuration;
import java.time.Duration;

/**
 * Go duration strings, as nats-server's configuration uses them: the parser is
 * {@link io.dialtone.protocol.GoDuration} (shared with the components that read the values); kept here for this
 * package's contract.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * @param text a Go duration string
     * @return the duration
     * @throws IllegalArgumentException if {@code text} is not a valid Go duration, with Go's message
     */
    public static Duration parse(String text) {
        return GoDuration.parse(text);
    }
}
