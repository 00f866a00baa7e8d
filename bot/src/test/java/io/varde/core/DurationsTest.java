package io.varde.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
        "500ms, 500", "30s, 30000", "5m, 300000", "1h30m, 5400000", "72h, 259200000",
        "7d, 604800000", "1.5h, 5400000", "0.25s, 250", "1m30s, 90000", "' 10s ', 10000"
    })
    void parses(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "30", "s", "10 s", "-5s", "1w", "5sec", "1h 30m", "abc"})
    void refuses(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid duration \"" + text.trim()
                        + "\": use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m, 1h30m");
    }

    @org.junit.jupiter.api.Test
    void aHostileTextIsRefusedWithoutDeepRecursionOrWrapAround() {
        assertThatThrownBy(() -> Durations.parse("1d".repeat(1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid duration \"1d1d1d")
                .hasMessageContaining("...\": use a number and a unit");
        assertThat(Durations.parse("99999999999999999999d")).as("the longest, not wrapped around")
                .isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(Durations.parse("1d".repeat(32))).isEqualTo(Duration.ofDays(32));
    }

    @ParameterizedTest(name = "{0} ms prints as {1}")
    @CsvSource({
        "0, 0s", "250, 250ms", "1500, 1.5s", "45000, 45s", "60000, 1m", "90000, 1m30s",
        "1670000, 27m50s", "5400000, 1h30m", "5430000, 1h30m", "86400000, 1d",
        "183600000, 2d3h", "-2000, -2s"
    })
    void prints(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
