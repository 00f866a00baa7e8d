package io.varde.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.varde.core.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckerTest {

    private static Target target(ProbeSpec probe, String... conditions) throws ConditionSyntaxException {
        List<Condition> parsed = new ArrayList<>();
        for (String c : conditions) {
            parsed.add(Condition.parse(c, probe.kind()));
        }
        return new Target("site", "Site", probe, Duration.ofSeconds(30), Duration.ofSeconds(5),
                DetectionSettings.DEFAULTS, Labels.empty(), List.of(), parsed, false);
    }

    private static final ProbeSpec HTTP = HttpSpec.get(URI.create("http://127.0.0.1:0/"));
    private static final ProbeSpec TCP = new TcpSpec("127.0.0.1", 0);

    static Stream<Arguments> outcomes() {
        return Stream.of(
                argumentSet("all hold", HTTP, Observations.http().body("{\"status\":\"UP\"}").build(),
                        Outcome.OK),
                argumentSet("only the time limit missed", HTTP,
                        Observations.http().body("{\"status\":\"UP\"}").millis(2500).build(), Outcome.SLOW),
                argumentSet("wrong status", HTTP,
                        Observations.http().status(503).body("{\"status\":\"UP\"}").build(), Outcome.FAIL),
                argumentSet("wrong status and slow", HTTP,
                        Observations.http().status(503).body("{\"status\":\"UP\"}").millis(2500).build(),
                        Outcome.FAIL),
                argumentSet("probe error", HTTP, Observations.refused(), Outcome.FAIL));
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void judgesHttp(ProbeSpec probe, Observation observation, Outcome expected)
            throws ConditionSyntaxException {
        Target t = target(probe, "[STATUS] == 200", "[BODY].status == UP", "[RESPONSE_TIME] < 2s");

        CheckResult result = Checker.judge(t, observation);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.conditions()).extracting(ConditionResult::condition)
                .containsExactly("[STATUS] == 200", "[BODY].status == UP", "[RESPONSE_TIME] < 2s");
    }

    @Test
    void aClosedPortThatShouldBeClosedIsOk() throws ConditionSyntaxException {
        CheckResult result = Checker.judge(target(TCP, "[CONNECTED] == false"), Observations.refused());

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.error()).isNotNull();
        assertThat(result.conditions()).containsExactly(
                new ConditionResult("[CONNECTED] == false", true, "false"));
    }

    @Test
    void aFailedProbeShowsWhatWasNotSeen() throws ConditionSyntaxException {
        CheckResult result = Checker.judge(target(HTTP, "[STATUS] == 200", "[BODY].status == UP"),
                Observations.refused());

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.failed()).extracting(ConditionResult::describe).containsExactly(
                "[STATUS] == 200 (observed n/a)", "[BODY].status == UP (observed n/a)");
    }
}
