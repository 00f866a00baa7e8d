package io.varde.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both forms of Retry-After, and what counts as no hint. */
class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-11-13T09:05:00Z");

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("seconds", "7", Duration.ofSeconds(7)),
                Arguments.of("seconds with spaces", " 120 ", Duration.ofMinutes(2)),
                Arguments.of("zero", "0", Duration.ZERO),
                Arguments.of("an HTTP date ahead", "Fri, 13 Nov 2026 09:06:30 GMT", Duration.ofSeconds(90)),
                Arguments.of("an HTTP date past", "Fri, 13 Nov 2026 09:00:00 GMT", Duration.ZERO),
                Arguments.of("absent", null, null),
                Arguments.of("empty", "", null),
                Arguments.of("negative", "-5", null),
                Arguments.of("a fraction", "1.5", null),
                Arguments.of("too large a number", "99999999999999999999", null),
                Arguments.of("words", "later", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void parse(String name, String header, Duration expected) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(expected);
    }
}
