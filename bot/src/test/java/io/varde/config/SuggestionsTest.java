package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("id", "name", "url", "interval", "timeout",
            "failure-threshold", "success-threshold", "max-per-host", "labels");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("typo", "intervall", "interval"),
                Arguments.of("swapped letters", "intreval", "interval"),
                Arguments.of("camel case", "failureThreshold", "failure-threshold"),
                Arguments.of("snake case", "max_per_host", "max-per-host"),
                Arguments.of("upper case", "URL", "url"),
                Arguments.of("short key, one edit", "ur", "url"),
                Arguments.of("short key, two edits", "uk", null),
                Arguments.of("unrelated", "colour", null),
                Arguments.of("label singular", "label", "labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suggestsTheKeyMostLikelyMeant(String name, String key, String expected) {
        assertThat(Suggestions.closest(key, KEYS)).isEqualTo(Optional.ofNullable(expected));
    }
}
