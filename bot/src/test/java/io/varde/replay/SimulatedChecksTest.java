package io.varde.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.check.Target;
import io.varde.config.ConfigLoader;
import io.varde.replay.Scenario.Behaviour;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The check results a replay makes up, on the shipped targets: outcome, latency and the problem an alert shows. */
class SimulatedChecksTest {

    private static final Instant AT = Instant.parse("2025-11-13T09:00:00Z");
    private static Map<String, Target> targets;

    @BeforeAll
    static void load() throws Exception {
        targets = ConfigLoader.load(Path.of("..", "rules").toAbsolutePath().normalize(), Map.of()).targets()
                .stream().collect(Collectors.toMap(Target::id, t -> t));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("up: every condition holds, 120 ms", "trm-dk", Behaviour.UP, Outcome.OK, 120, ""),
                Arguments.of("up: a canary too", "canary-google-https", Behaviour.UP, Outcome.OK, 120, ""),
                Arguments.of("slow: the response-time limit is missed at 80% of the timeout", "trm-dk",
                        Behaviour.SLOW, Outcome.SLOW, 8000, "[RESPONSE_TIME] < 3000 (observed 8000ms)"),
                Arguments.of("slow: no limit, slow all the same", "aarhus-dk", Behaviour.SLOW,
                        Outcome.SLOW, 8000, ""),
                Arguments.of("down: http times out as the prober says", "aarhus-dk", Behaviour.DOWN,
                        Outcome.FAIL, 10_000, "timeout: no response within 10s"),
                Arguments.of("down: tcp, whose default condition saw no connection", "terma-com-tcp",
                        Behaviour.DOWN, Outcome.FAIL, 10_000,
                        "timeout: no connection within 10s; [CONNECTED] == true (observed false)"),
                Arguments.of("down: dns", "borger-dk-dns", Behaviour.DOWN, Outcome.FAIL, 10_000,
                        "timeout: no answer within 10s"),
                Arguments.of("down: a canary, with its own timeout", "canary-dns", Behaviour.DOWN,
                        Outcome.FAIL, 5_000, "timeout: no answer within 5s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsReadAsTheCheckerWouldGiveThem(String name, String targetId, Behaviour behaviour, Outcome outcome,
                                              long millis, String problem) {
        CheckResult r = SimulatedChecks.result(targets.get(targetId), behaviour, AT);

        assertThat(r.targetId()).isEqualTo(targetId);
        assertThat(r.at()).isEqualTo(AT);
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.responseTime()).isEqualTo(Duration.ofMillis(millis));
        assertThat(r.problem()).isEqualTo(problem);
    }

}
