package io.dialtone.store.file.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nats-server's {@code sync_interval}: {@code always} (or empty: Dialtone's default) syncs before a write is
 * reported stored; a duration ({@code 2m}, {@code 10s}, {@code 500ms}, {@code 1m30s}; a bare number is seconds)
 * selects lazy mode, syncing on that interval.
 */
final class SyncInterval {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private SyncInterval() {
    }

    /** The interval in nanoseconds; 0 means always (sync mode). */
    static long parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty() || v.equals("always")) {
            return 0;
        }
        if (v.matches("\\d+")) {
            return Long.parseLong(v) * 1_000_000_000L;
        }
        Matcher m = PART.matcher(v);
        long total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            total += (long) (n * switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            at = m.end();
        }
        if (at != v.length() || total <= 0) {
            throw new IllegalArgumentException("sync_interval: not 'always' nor a duration: " + value);
        }
        return total;
    }
}
