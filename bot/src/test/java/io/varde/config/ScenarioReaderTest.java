package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.check.Target;
import io.varde.intel.ClaimSource;
import io.varde.intel.RawClaim;
import io.varde.replay.Scenario;
import io.varde.replay.Scenario.Behaviour;
import io.varde.replay.Scenario.Step;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per scenario error under {@code scenarios/invalid/}: each file starts with the exact
 * errors it must produce, as {@code # expect: <file>:<line>: <key>: <message>} lines (paths in
 * messages relative to the fixture's directory), read against the targets of
 * {@link CorrelationConfigTest#TARGETS}. Valid scenarios are read into exactly the steps they say.
 */
class ScenarioReaderTest {


    @TempDir
    Path rules;

    private List<Target> targets;

    @BeforeEach
    void loadTargets() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), CorrelationConfigTest.TARGETS);
        targets = ConfigLoader.load(rules, Map.of()).targets();
    }

    static Stream<Named<Path>> fixtures() throws IOException, URISyntaxException {
        return ErrorFixtures.in("/scenarios/invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsExactlyTheExpectedErrors(Path fixture) throws IOException {
        List<String> expected = ErrorFixtures.expected(fixture);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ScenarioReader.read(fixture, targets, Map.of()));

        assertThat(e).as("reading %s must fail", fixture.getFileName()).isNotNull();
        assertThat(e.errors()).extracting(ConfigError::file).containsOnly(fixture.toString());
        String dir = fixture.getParent().toString() + File.separator;
        assertThat(e.errors()).extracting(error -> new ConfigError(fixture.getFileName().toString(),
                error.line(), error.key(), error.message().replace(dir, "")).toString())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void readsEveryActionWithItsDefaults() throws Exception {
        Path file = Path.of(ScenarioReaderTest.class.getResource("/scenarios/valid/every-action.yaml").toURI());
        Instant start = Instant.parse("2025-11-12T06:00:00Z");

        Scenario s = ScenarioReader.read(file, targets, Map.of());

        assertThat(s.name()).as("the file name when no name is given").isEqualTo("every-action");
        assertThat(s.start()).isEqualTo(start);
        assertThat(s.end()).as("two hours after the last step").isEqualTo(Instant.parse("2025-11-12T10:00:00Z"));
        assertThat(s.steps()).hasSize(6);
        Step.Tasks tasks = (Step.Tasks) s.steps().get(0);
        assertThat(tasks.at()).isEqualTo(Instant.parse("2025-10-02T11:10:35Z"));
        assertThat(tasks.source()).isEqualTo("ddosia");
        assertThat(tasks.actor()).isEmpty();
        assertThat(tasks.list().observedAt()).as("observed at the step's time").isEqualTo(tasks.at());
        assertThat(tasks.list().tasks()).extracting(t -> t.host() + t.path()).containsExactly("www.kk.dk/soeg?q=$_1");
        assertThat(s.steps().subList(1, 3)).containsExactly(
                new Step.Checks(start.plusSeconds(60), 6, Behaviour.DOWN, List.of("kk-dk", "aarhus-dk")),
                new Step.Checks(start.plusSeconds(60), 8, Behaviour.SLOW, List.of("borger-dk")));
        Instant seven = Instant.parse("2025-11-12T07:00:00Z");
        assertThat(s.steps().get(3)).isEqualTo(new Step.Claim(seven, 10, new RawClaim(ClaimSource.WEBHOOK, "cert-feed",
                "step-4", "NoName057(16)", start.plusSeconds(55 * 60), seven,
                List.of("www.kk.dk", "https://aarhus.dk/soeg?q=x"), List.of("/search"),
                List.of("https://t.me/noname05716/1"), "kk.dk down")));
        assertThat(s.steps().get(4)).isEqualTo(new Step.Checks(start.plusSeconds(90 * 60), 20, Behaviour.UP,
                List.of("kk-dk", "aarhus-dk", "borger-dk")));
        Instant eight = Instant.parse("2025-11-12T08:00:00Z");
        assertThat(s.steps().get(5)).as("claimed when seen, unless it says otherwise").isEqualTo(new Step.Claim(
                eight, 22, new RawClaim(ClaimSource.MANUAL, "alice", "step-6", "", eight, eight, List.of("kk.dk"),
                        List.of(), List.of(), "")));
    }

    @Test
    void theShippedScenarioReadsAgainstTheShippedRules() throws Exception {
        Path shipped = Path.of("..", "rules").toAbsolutePath().normalize();
        VardeConfig config = ConfigLoader.load(shipped, Map.of());

        Scenario s = ScenarioReader.read(shipped.resolve("scenarios/denmark-2025-11.yaml"), config.targets(), Map.of());

        assertThat(s.name()).startsWith("Denmark, 12-13 November 2025");
        assertThat(s.start()).isEqualTo(Instant.parse("2025-11-12T06:00:00Z"));
        assertThat(s.end()).isEqualTo(Instant.parse("2025-11-13T18:00:00Z"));
        assertThat(s.steps()).filteredOn(Step.Tasks.class::isInstance)
                .extracting(t -> ((Step.Tasks) t).list().tasks().size())
                .as("the two real DDoSia lists, every row").containsExactly(353, 226);
        assertThat(s.steps()).filteredOn(Step.Claim.class::isInstance).hasSize(3);
    }
}
