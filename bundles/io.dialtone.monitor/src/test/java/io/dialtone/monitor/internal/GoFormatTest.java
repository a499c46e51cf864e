package io.dialtone.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoFormatTest {

    @Test
    void timesAreRfc3339NanoInUtcWithTrailingZerosTrimmed() {
        assertEquals("2026-11-26T04:28:36.19999576Z", GoFormat.time(Instant.parse("2026-11-26T04:28:36.199995760Z")));
        assertEquals("2026-11-26T04:28:36Z", GoFormat.time(Instant.parse("2026-11-26T04:28:36Z")));
        assertEquals("1970-01-01T00:00:00.5Z", GoFormat.time(500L));
    }

    @Test
    void uptimeIsWholeSecondsInNatsServersUnits() {
        assertEquals("0s", GoFormat.uptime(999));
        assertEquals("1m2s", GoFormat.uptime(62_000));
        assertEquals("1h0m5s", GoFormat.uptime(3_605_000));
        assertEquals("2d0h0m0s", GoFormat.uptime(2 * 86_400_000L));
        assertEquals("1y1d0h0m0s", GoFormat.uptime(366 * 86_400_000L));
    }

    @Test
    void durationsAreGoDurationStrings() {
        assertEquals("0s", GoFormat.duration(0));
        assertEquals("15ns", GoFormat.duration(15));
        assertEquals("392µs", GoFormat.duration(392_000));
        assertEquals("1.5ms", GoFormat.duration(1_500_000));
        assertEquals("2s", GoFormat.duration(2_000_000_000L));
        assertEquals("1m2.000000001s", GoFormat.duration(62_000_000_001L));
        assertEquals("1h0m0s", GoFormat.duration(3_600_000_000_000L));
        assertEquals("392µs", GoFormat.rtt(392_456), "under a millisecond the RTT is truncated to microseconds");
    }
}
