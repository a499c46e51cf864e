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
     * The duration as Go's {@code time.Duration.String} writes it ({@code -1s}, {@code 1.5s}, {@code 1m0s},
     * {@code 250ms}), for messages that quote a duration as nats-server does.
     */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        long u = Math.abs(n);
        if (u < 1_000_000_000L) {
            String[] units = {"ns", "\u00b5s", "ms"};
            long[] scale = {1, 1_000, 1_000_000};
            int k = u < 1_000 ? 0 : u < 1_000_000 ? 1 : 2;
            return sign + fraction(u, scale[k]) + units[k];
        }
        long h = u / 3_600_000_000_000L;
        long m = u / 60_000_000_000L % 60;
        String sec = fraction(u % 60_000_000_000L, 1_000_000_000L) + "s";
        return sign + (h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" : "") + sec;
    }

    /** {@code value / scale} with the fraction's trailing zeros dropped ({@code 1500, 1000} is {@code 1.5}). */
    private static String fraction(long value, long scale) {
        String whole = Long.toString(value / scale);
        long rest = value % scale;
        if (rest == 0) {
            return whole;
        }
        String digits = Long.toString(scale + rest).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
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
