package io.varde.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The standard backoff: 1 s doubling per failed attempt, capped at 20 seconds. */
class BackoffTest {

    static Stream<Arguments> delays() {
        return Stream.of(
                Arguments.of("after the first failure", 1, Duration.ofSeconds(1)),
                Arguments.of("after the second", 2, Duration.ofSeconds(2)),
                Arguments.of("after the fifth", 5, Duration.ofSeconds(16)),
                Arguments.of("capped from the sixth", 6, Duration.ofSeconds(20)),
                Arguments.of("capped long after", 10_000, Duration.ofSeconds(20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delays")
    void delay(String name, int attempts, Duration expected) {
        assertThat(Backoff.standard().delay(attempts)).isEqualTo(expected);
    }
}
