package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvExpanderTest {

    private static final Map<String, String> ENV = Map.of(
            "HOST", "www.borger.dk", "EMPTY", "", "TRICKY", "${HOST}");

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("no reference", "https://www.borger.dk/", "https://www.borger.dk/"),
                Arguments.of("set variable", "https://${HOST}/", "https://www.borger.dk/"),
                Arguments.of("default unused when set", "${HOST:-x}", "www.borger.dk"),
                Arguments.of("default when unset", "${PORT:-443}", "443"),
                Arguments.of("default when empty", "${EMPTY:-fallback}", "fallback"),
                Arguments.of("empty default", "a${PORT:-}b", "ab"),
                Arguments.of("set but empty", "a${EMPTY}b", "ab"),
                Arguments.of("escaped reference", "$${HOST}", "${HOST}"),
                Arguments.of("lone dollar", "price $5 and $$", "price $5 and $$"),
                Arguments.of("two references", "${HOST}:${PORT:-443}", "www.borger.dk:443"),
                Arguments.of("values are not expanded again", "${TRICKY}", "${HOST}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expands(String name, String text, String expected) {
        EnvExpander.Result r = EnvExpander.expand(text, ENV);

        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo(expected);
    }

    static Stream<Arguments> failures() {
        String how = ": write ${NAME} or ${NAME:-default}, or $${ for a literal ${";
        return Stream.of(
                Arguments.of("unset", "${NOPE}",
                        List.of("environment variable NOPE is not set")),
                Arguments.of("each unset one", "${A}-${B}", List.of(
                        "environment variable A is not set", "environment variable B is not set")),
                Arguments.of("unclosed", "x${HOST", List.of("unclosed \"${\" in \"x${HOST\"" + how)),
                Arguments.of("bad name", "${1X}", List.of("invalid variable reference \"${1X}\"" + how)),
                Arguments.of("empty name", "${}", List.of("invalid variable reference \"${}\"" + how)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void reportsBadReferences(String name, String text, List<String> errors) {
        assertThat(EnvExpander.expand(text, ENV).errors()).containsExactlyElementsOf(errors);
    }
}
