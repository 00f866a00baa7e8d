package io.varde.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.varde.core.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    private static Target target(Mitigation mitigation, String... conditions) throws ConditionSyntaxException {
        Target plain = target(HTTP, conditions);
        return new Target(plain.id(), plain.name(), plain.probe(), plain.interval(), plain.timeout(),
                plain.detection(), plain.labels(), plain.aliases(), plain.conditions(), plain.canary(),
                Vantage.DEFAULT, mitigation);
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

    static Stream<Arguments> mitigations() {
        Observation challenge = Observations.http().status(403)
                .body("<title>Just a moment...</title>").build();
        Observation flagged200 = Observations.http().header("cf-mitigated", "challenge").build();
        Observation nginx503 = Observations.http().status(503)
                .body("<center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center>")
                .header("server", "nginx").build();
        Observation timedOutAfterHeaders = new Observation(Observations.T0, Duration.ofSeconds(5),
                new ProbeError(ProbeError.Reason.TIMEOUT, "response body not complete within 5s"), 403,
                null, null, true, "127.0.0.1", null, java.util.Map.of("cf-mitigated", "challenge"));
        Mitigation custom = new Mitigation(true, Set.of(503), List.of("We are under attack"), List.of());
        return Stream.of(
                argumentSet("a challenge page", Mitigation.DEFAULT, challenge, Outcome.MITIGATED,
                        "Cloudflare challenge page (403)"),
                argumentSet("a challenge header, though every condition holds", Mitigation.DEFAULT,
                        flagged200, Outcome.MITIGATED, "cf-mitigated: challenge"),
                argumentSet("nginx's own 503", Mitigation.DEFAULT, nginx503, Outcome.FAIL, null),
                argumentSet("a challenge page with recognition off", Mitigation.OFF, challenge, Outcome.FAIL,
                        null),
                argumentSet("a probe error after a challenge's headers", Mitigation.DEFAULT,
                        timedOutAfterHeaders, Outcome.FAIL, null),
                argumentSet("the target's own signature", custom,
                        Observations.http().status(503).body("<h2>We are under attack, come back soon</h2>")
                                .build(),
                        Outcome.MITIGATED, "body \"We are under attack\" (503)"));
    }

    @ParameterizedTest
    @MethodSource("mitigations")
    void aRecognisedMitigationIsMitigatedWhateverTheConditionsSay(Mitigation mitigation, Observation observation,
                                                                  Outcome expected, String signature)
            throws ConditionSyntaxException {
        CheckResult result = Checker.judge(target(mitigation, "[STATUS] == 200"), observation);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.mitigation()).isEqualTo(signature);
        assertThat(result.conditions()).extracting(ConditionResult::condition).containsExactly("[STATUS] == 200");
    }

    @Test
    void aMitigatedResultSaysWhatWasSeenFirstAndKeepsItWithAnotherOutcome() throws ConditionSyntaxException {
        CheckResult result = Checker.judge(target(Mitigation.DEFAULT, "[STATUS] == 200"),
                Observations.http().status(403).body("<title>Attention Required! | Cloudflare</title>").build());

        assertThat(result.problems()).containsExactly("mitigated: Cloudflare block page (403)",
                "[STATUS] == 200 (observed 403)");
        assertThat(result.withOutcome(Outcome.FAIL).mitigation()).isEqualTo("Cloudflare block page (403)");
        assertThat(Checker.judge(target(Mitigation.DEFAULT, "[STATUS] == 200"), Observations.http().build())
                .problems()).isEmpty();
    }
}
