package io.dialtone.monitor.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Go's text forms of times and durations, as nats-server's JSON carries them. */
final class GoFormat {

    private GoFormat() {
    }

    /**
     * RFC 3339 with nanoseconds and trailing zeros trimmed, in UTC: Go's {@code time.RFC3339Nano}, which
     * {@code encoding/json} uses for {@code time.Time}, e.g. {@code 2023-01-02T03:04:05.1234Z}.
     */
    static String time(Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(32);
        pad(b, d.getYear(), 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2).append('T');
        pad(b, d.getHour(), 2).append(':');
        pad(b, d.getMinute(), 2).append(':');
        pad(b, d.getSecond(), 2);
        int nanos = d.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            b.append('.');
            pad(b, nanos, digits);
        }
        return b.append('Z').toString();
    }

    /** {@link #time(Instant)} of epoch milliseconds. */
    static String time(long epochMillis) {
        return time(Instant.ofEpochMilli(epochMillis));
    }

    /** nats-server's uptime form: whole seconds as {@code 1y2d3h4m5s}, leading zero units left out ({@code 0s}). */
    static String uptime(long millis) {
        long secs = Math.max(0, millis) / 1000;
        long mins = secs / 60;
        long hrs = mins / 60;
        long days = hrs / 24;
        long yrs = days / 365;
        if (yrs > 0) {
            return yrs + "y" + days % 365 + "d" + hrs % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hrs % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (hrs > 0) {
            return hrs + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (mins > 0) {
            return mins + "m" + secs % 60 + "s";
        }
        return secs + "s";
    }

    /**
     * Go's {@code time.Duration.String()}: {@code 0s}, {@code 392µs}, {@code 1.5ms}, {@code 2m3.000000001s}. nats-server
     * truncates a connection's RTT to microseconds when it is under a millisecond; so does {@link #rtt(long)}.
     */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder b = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long scale;
            if (u < 1_000L) {
                unit = "ns";
                scale = 1;
            } else if (u < 1_000_000L) {
                unit = "µs";
                scale = 1_000L;
            } else {
                unit = "ms";
                scale = 1_000_000L;
            }
            fraction(b, u / scale, u % scale, scale);
            b.append(unit);
        } else {
            long secs = u / 1_000_000_000L;
            long frac = u % 1_000_000_000L;
            long h = secs / 3600;
            long m = secs / 60 % 60;
            long s = secs % 60;
            if (h > 0) {
                b.append(h).append('h');
            }
            if (h > 0 || m > 0) {
                b.append(m).append('m');
            }
            fraction(b, s, frac, 1_000_000_000L);
            b.append('s');
        }
        return neg ? "-" + b : b.toString();
    }

    /** A connection's RTT as nats-server shows it. */
    static String rtt(long nanos) {
        if (nanos > 1_000L && nanos < 1_000_000L) {
            nanos -= nanos % 1_000L;
        }
        return duration(nanos);
    }

    private static void fraction(StringBuilder b, long whole, long frac, long scale) {
        b.append(whole);
        if (frac == 0) {
            return;
        }
        int digits = Long.toString(scale).length() - 1;
        StringBuilder f = new StringBuilder(Long.toString(frac));
        while (f.length() < digits) {
            f.insert(0, '0');
        }
        int end = f.length();
        while (end > 0 && f.charAt(end - 1) == '0') {
            end--;
        }
        b.append('.').append(f, 0, end);
    }

    private static StringBuilder pad(StringBuilder b, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
