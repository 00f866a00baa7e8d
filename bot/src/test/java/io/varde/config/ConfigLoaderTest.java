package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.check.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader behaviour that the per-rule fixtures do not show on their own. */
class ConfigLoaderTest {

    @TempDir
    Path rules;

    @Test
    void missingFileIsNamedAsTheCallerGaveTheDirectory() {
        Path relative = Path.of("").toAbsolutePath().relativize(rules.resolve("nowhere"));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(relative, Map.of()));

        assertThat(relative.isAbsolute()).isFalse();
        assertThat(e.errors()).containsExactly(new ConfigError(
                relative.resolve("targets.yaml").toString(), 1, "(file)", "file not found"));
        assertThat(e.errors().get(0)).hasToString(
                relative.resolve("targets.yaml") + ":1: (file): file not found");
    }

    @Test
    void allErrorsOfAFileAreReportedAtOnceInLineOrder() throws Exception {
        Path fixture = Path.of(getClass().getResource("/config/invalid/many-errors.yaml").toURI());
        Files.copy(fixture, rules.resolve("targets.yaml"));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(rules, Map.of()));

        List<ConfigError> errors = e.errors();
        assertThat(errors).hasSize(10);
        assertThat(errors).extracting(ConfigError::line).isSorted();
        assertThat(errors).extracting(ConfigError::key).contains("defaults.interval",
                "scheduler.shards", "targets[1].canary", "targets[2].id", "targets[3].url");
        assertThat(e.getMessage()).startsWith("10 config errors:")
                .contains(errors.get(0).toString(), errors.get(9).toString());
    }

    @Test
    void expandedPlainValuesAreTypedByTheirExpandedText() throws Exception {
        write("""
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    failure-threshold: ${FAILURES}
                    canary: ${CANARY:-true}
                """);

        Target t = ConfigLoader.load(rules, Map.of("FAILURES", "7")).targets().get(0);

        assertThat(t.detection().failureThreshold()).isEqualTo(7);
        assertThat(t.canary()).isTrue();
    }

    @Test
    void quotedValuesStayTextEvenAfterExpansion() throws IOException {
        write("""
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    failure-threshold: "${FAILURES}"
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(rules, Map.of("FAILURES", "7")));

        assertThat(e.errors()).extracting(ConfigError::message)
                .containsExactly("expected an integer, got text \"7\"");
    }

    @Test
    void anEmptyOptionalSectionCountsAsAbsent() throws Exception {
        write("""
                defaults:
                scheduler:
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    headers:
                    flapping:
                """);

        VardeConfig config = ConfigLoader.load(rules, Map.of());

        assertThat(config.scheduler()).isEqualTo(SchedulerSettings.DEFAULTS);
        assertThat(config.targets()).singleElement()
                .satisfies(t -> assertThat(t.detection().flapThreshold()).isEqualTo(4));
    }

    @Test
    void aByteOrderMarkIsIgnored() throws Exception {
        write("\uFEFFtargets:\n  - id: borger-dk\n    url: https://www.borger.dk/\n");

        assertThat(ConfigLoader.load(rules, Map.of()).targets()).extracting(Target::id)
                .containsExactly("borger-dk");
    }

    @Test
    void errorsFromSeveralFilesSortByFileThenLine() {
        ConfigException e = new ConfigException(List.of(
                new ConfigError("rules/targets.yaml", 9, "b", "x"),
                new ConfigError("rules/routing.yaml", 3, "c", "x"),
                new ConfigError("rules/targets.yaml", 2, "a", "x")));

        assertThat(e.errors()).extracting(ConfigError::key).containsExactly("c", "a", "b");
    }

    private void write(String yaml) throws IOException {
        Files.writeString(rules.resolve("targets.yaml"), yaml);
    }
}
