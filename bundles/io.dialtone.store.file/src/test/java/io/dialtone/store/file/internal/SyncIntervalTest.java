package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncIntervalTest {

    @ParameterizedTest
    @CsvSource({"always, 0", "'', 0", "ALWAYS, 0", "2m, 120000000000", "10s, 10000000000", "500ms, 500000000",
        "1m30s, 90000000000", "1h, 3600000000000", "5, 5000000000", "250us, 250000"})
    void parses(String value, long nanos) {
        assertEquals(nanos, SyncInterval.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"never", "5x", "m", "-1s", "0s"})
    void refuses(String value) {
        assertThrows(IllegalArgumentException.class, () -> SyncInterval.parse(value));
    }
}
