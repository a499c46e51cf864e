package io.dialtone.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2m, PT2M", "1h30m, PT1H30M", "250ms, PT0.25S", "1.5s, PT1.5S", "0, PT0S", "-3s, PT-3S", "+5s, PT5S",
        "10s, PT10S", "1h, PT1H", "100us, PT0.0001S", "100\u00b5s, PT0.0001S", "7ns, PT0.000000007S", ".5s, PT0.5S",
        "1.s, PT1S", "1m30.5s, PT1M30.5S", "2562047h47m16.854775807s, PT2562047H47M16.854775807S"})
    void valid(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "1x", "s", ".s", "1.5", "-", "2562047h47m16.854775808s", "1h 2m"})
    void invalid(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals(true, e.getMessage().startsWith("time: "), e.getMessage());
    }

    /** Go's time.Duration.String, as nats-server quotes durations in its messages. */
    @ParameterizedTest(name = "{1}")
    @CsvSource({"PT-1S, -1s", "PT1.5S, 1.5s", "PT1M, 1m0s", "PT1H, 1h0m0s", "PT1H30M5S, 1h30m5s", "PT0.25S, 250ms",
        "PT0.0001S, 100\u00b5s", "PT0.000000007S, 7ns", "PT0S, 0s", "PT29.999S, 29.999s", "PT0.0015S, 1.5ms",
        "PT-2M, -2m0s"})
    void formatsAsGo(String iso, String go) {
        assertEquals(go, Durations.format(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), Durations.parse(go));
    }
}
