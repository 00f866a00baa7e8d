package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per validation rule under {@code config/invalid/}: each file starts with the exact
 * errors it must produce, as {@code # expect: targets.yaml:<line>: <key>: <message>} lines, and
 * the loader must report exactly those, in that order. A fixture named {@code team-*.yaml} is a
 * {@code team.yaml}, one named {@code correlation-*.yaml} a {@code correlation.yaml}, one named
 * {@code intel-*.yaml} an {@code intel.yaml}, each loaded next to a valid {@code targets.yaml}.
 */
class InvalidConfigTest {


    /** The environment every fixture sees; VARDE_MISSING-style names are deliberately absent. */
    static final Map<String, String> ENV = Map.of("VARDE_HOST", "www.borger.dk", "EMPTY", "");

    @TempDir
    Path rules;

    static Stream<Named<Path>> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidConfigTest.class.getResource("/config/invalid").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .map(p -> Named.of(p.getFileName().toString(), p)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsExactlyTheExpectedErrors(Path fixture) throws IOException {
        List<String> expected = ErrorFixtures.expected(fixture);
        String name = fixture.getFileName().toString();
        String file = name.startsWith("team-") ? "team.yaml"
                : name.startsWith("correlation-") ? "correlation.yaml"
                : name.startsWith("intel-") ? "intel.yaml" : "targets.yaml";
        if (file.equals("team.yaml") || file.equals("intel.yaml")) {
            Files.writeString(rules.resolve("targets.yaml"), TeamConfigTest.TARGETS);
        } else if (file.equals("correlation.yaml")) {
            Files.writeString(rules.resolve("targets.yaml"), CorrelationConfigTest.TARGETS);
        }
        Files.copy(fixture, rules.resolve(file));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(rules, ENV));

        assertThat(e).as("loading %s must fail", fixture.getFileName()).isNotNull();
        assertThat(e.errors()).extracting(ConfigError::file)
                .containsOnly(rules.resolve(file).toString());
        assertThat(e.errors()).extracting(InvalidConfigTest::withoutDirectory)
                .containsExactlyElementsOf(expected);
    }

    private static String withoutDirectory(ConfigError error) {
        return new ConfigError(Path.of(error.file()).getFileName().toString(), error.line(),
                error.key(), error.message()).toString();
    }
}
