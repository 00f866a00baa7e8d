package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link DetectionEventJson} must do: events a node hands to the coordinator read back whole. */
class DetectionEventJsonTest {

    static final Instant AT = Instant.parse("2025-11-13T08:00:00.123456789Z");

    /** The node's targets: what the events it writes carry. */
    static final Target NODE_BORGER = TestTargets.http("borger-dk");

    /** The coordinator's own targets: equal to the node's, other objects. */
    static final Target BORGER = TestTargets.http("borger-dk");
    static final Map<String, Target> COORDINATOR = Map.of("borger-dk", BORGER,
            "canary-a", TestTargets.canary("canary-a"));
    static final Function<String, Target> TARGETS = COORDINATOR::get;

    static CheckResult failedCause() {
        return new CheckResult("borger-dk", AT.minusMillis(250), Duration.ofNanos(3_141_592_653L), Outcome.FAIL,
                new ProbeError(ProbeError.Reason.TLS, "certificate expired on 2025-11-01"),
                List.of(new ConditionResult("[STATUS] == 200", false, "n/a"),
                        new ConditionResult("[CERTIFICATE_EXPIRATION] > 72h", false, "-12d"),
                        new ConditionResult("[IP] == 192.0.2.7", true, "192.0.2.7")),
                "192.0.2.7");
    }

    static Stream<DetectionEvent> everyType() {
        return Stream.of(
                new StateChanged(AT, NODE_BORGER, TargetState.UP, TargetState.DOWN, Duration.ofMinutes(90),
                        failedCause()),
                new StateChanged(AT, NODE_BORGER, TargetState.DOWN, TargetState.UP, Duration.ofMillis(61_234),
                        TestTargets.ok("borger-dk", AT, 87)),
                new FlappingStarted(AT, NODE_BORGER, TargetState.DEGRADED, 7, Duration.ofMinutes(10)),
                new FlappingStopped(AT, NODE_BORGER, TargetState.DOWN),
                new ConnectivityLost(AT, List.of(new CanaryFailure("canary-a", "connect: network unreachable"),
                        new CanaryFailure("canary-b", "not checked"))),
                new ConnectivityLost(AT, List.of()),
                new ConnectivityRestored(AT, Duration.ofMillis(184_005), 3),
                new StateChanged(AT, NODE_BORGER, TargetState.UP, TargetState.MITIGATED, Duration.ofMinutes(3),
                        new io.varde.check.CheckResult("borger-dk", AT, Duration.ofMillis(12), io.varde.check.Outcome.MITIGATED,
                                null, List.of(), "192.0.2.7", "cf-mitigated: challenge"),
                        new io.varde.detect.Verdict.Judgement(TargetState.PARTIAL, io.varde.detect.Verdict.Reason.GEO_BLOCKED,
                                "DOWN from fra; UP from ams, home")),
                new DetectionEvent.LocationChanged(AT, "fra", DetectionEvent.LocationChange.LOST,
                        "no results since 2025-11-13T08:00:00Z"));
    }

    static DetectionEvent roundTrip(DetectionEvent e) {
        return DetectionEventJson.read(DetectionEventJson.write(e), TARGETS);
    }

    static Target targetOf(DetectionEvent e) {
        if (e instanceof StateChanged s) {
            return s.target();
        }
        if (e instanceof FlappingStarted f) {
            return f.target();
        }
        if (e instanceof FlappingStopped f) {
            return f.target();
        }
        return null;
    }

    static JsonNode tree(String body) throws Exception {
        return JsonColumns.mapper().readTree(body);
    }

    static String edited(DetectionEvent e, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode o = (ObjectNode) tree(DetectionEventJson.write(e));
        edit.accept(o);
        return JsonColumns.mapper().writeValueAsString(o);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyEventReadsBackEqualWithTheCoordinatorsOwnTarget(DetectionEvent e) {
        DetectionEvent read = roundTrip(e);

        assertThat(read).isEqualTo(e);
        if (targetOf(e) != null) {
            assertThat(targetOf(read)).isSameAs(BORGER).isNotSameAs(NODE_BORGER);
        }
    }

    @Test
    void aCauseKeepsItsErrorEveryConditionTheIpAndTheExactResponseTime() {
        StateChanged read = (StateChanged) roundTrip(new StateChanged(AT, NODE_BORGER, TargetState.UP,
                TargetState.DOWN, Duration.ofSeconds(30), failedCause()));

        CheckResult cause = read.cause();
        assertThat(cause).isEqualTo(failedCause());
        assertThat(cause.at()).isEqualTo(AT.minusMillis(250));
        assertThat(cause.responseTime()).isEqualTo(Duration.ofNanos(3_141_592_653L));
        assertThat(cause.error()).isEqualTo(new ProbeError(ProbeError.Reason.TLS, "certificate expired on 2025-11-01"));
        assertThat(cause.ip()).isEqualTo("192.0.2.7");
        assertThat(cause.problems()).containsExactly("tls: certificate expired on 2025-11-01",
                "[CERTIFICATE_EXPIRATION] > 72h (observed -12d)");
    }

    @Test
    void aFirstStateWithoutCauseOrDurationKeepsBothNull() {
        StateChanged first = new StateChanged(AT, NODE_BORGER, TargetState.UNKNOWN, TargetState.UP, null, null);
        CheckResult noIpNoError = new CheckResult("borger-dk", AT, Duration.ofMillis(40), Outcome.SLOW, null,
                List.of(new ConditionResult("[RESPONSE_TIME] < 30", false, "40ms")), null);
        StateChanged slow = new StateChanged(AT, NODE_BORGER, TargetState.UP, TargetState.DEGRADED,
                Duration.ofHours(2), noIpNoError);

        StateChanged firstRead = (StateChanged) roundTrip(first);
        StateChanged slowRead = (StateChanged) roundTrip(slow);

        assertThat(firstRead).isEqualTo(first);
        assertThat(firstRead.lasted()).isNull();
        assertThat(firstRead.cause()).isNull();
        assertThat(slowRead).isEqualTo(slow);
        assertThat(slowRead.cause().error()).isNull();
        assertThat(slowRead.cause().ip()).isNull();
    }

    @Test
    void theBodyNamesTargetsByIdWithFullPrecisionInstantsAndDurationsInMillis() throws Exception {
        JsonNode body = tree(DetectionEventJson.write(new StateChanged(AT, NODE_BORGER, TargetState.UP,
                TargetState.DOWN, Duration.ofMillis(90_000).plusNanos(999_999), failedCause())));

        assertThat(body.get("type").asText()).isEqualTo("state_changed");
        assertThat(body.get("at").asText()).isEqualTo("2025-11-13T08:00:00.123456789Z");
        assertThat(body.get("target").isTextual()).isTrue();
        assertThat(body.get("target").asText()).isEqualTo("borger-dk");
        assertThat(body.get("lasted").asLong()).isEqualTo(90_000);
        assertThat(body.get("cause").get("error").get("reason").asText()).isEqualTo("TLS");
        assertThat(body.get("cause").get("responseTimeNanos").asLong()).isEqualTo(3_141_592_653L);
    }

    @Test
    void aBodyWrittenByHandReadsAndAbsentNullableFieldsAreNull() {
        String body = """
                {"type":"state_changed","at":"2025-11-13T08:00:00Z","target":"borger-dk","from":"DEGRADED",
                 "to":"DOWN","cause":{"target":"borger-dk","at":"2025-11-13T07:59:59.5Z","responseTimeNanos":5000000000,
                 "outcome":"FAIL","error":{"reason":"TIMEOUT","message":"no answer in 5s"},
                 "conditions":[{"condition":"[STATUS] == 200","passed":false,"observed":"n/a"}]}}
                """;

        assertThat(DetectionEventJson.read(body, TARGETS)).isEqualTo(new StateChanged(
                Instant.parse("2025-11-13T08:00:00Z"), BORGER, TargetState.DEGRADED, TargetState.DOWN, null,
                new CheckResult("borger-dk", Instant.parse("2025-11-13T07:59:59.5Z"), Duration.ofSeconds(5),
                        Outcome.FAIL, new ProbeError(ProbeError.Reason.TIMEOUT, "no answer in 5s"),
                        List.of(new ConditionResult("[STATUS] == 200", false, "n/a")), null)));
    }

    @Test
    void aTargetTheCoordinatorDoesNotKnowIsRefusedByName() {
        Target gone = TestTargets.http("gone-dk");

        assertThatThrownBy(() -> roundTrip(new FlappingStopped(AT, gone, TargetState.UP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown target 'gone-dk'");
        assertThatThrownBy(() -> roundTrip(new StateChanged(AT, gone, TargetState.UP, TargetState.DOWN,
                Duration.ofSeconds(1), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown target 'gone-dk'");
    }

    @Test
    void anUnknownTypeIsRefusedByName() throws Exception {
        String body = edited(new FlappingStopped(AT, NODE_BORGER, TargetState.UP), o -> o.put("type", "exploded"));

        assertThatThrownBy(() -> DetectionEventJson.read(body, TARGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type 'exploded'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[]", "null", "42"})
    void malformedJsonIsRefused(String body) {
        assertThatThrownBy(() -> DetectionEventJson.read(body, TARGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("detection event: ");
    }

    @Test
    void textAfterAWholeEventIsRefused() {
        String body = DetectionEventJson.write(new FlappingStopped(AT, NODE_BORGER, TargetState.UP));

        assertThat(DetectionEventJson.read(body, TARGETS)).isInstanceOf(FlappingStopped.class);
        assertThatThrownBy(() -> DetectionEventJson.read(body + " {}", TARGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void aMissingOrMistypedFieldIsRefusedWithItsPath() throws Exception {
        StateChanged down = new StateChanged(AT, NODE_BORGER, TargetState.UP, TargetState.DOWN,
                Duration.ofSeconds(3), failedCause());
        FlappingStarted flapping = new FlappingStarted(AT, NODE_BORGER, TargetState.DOWN, 4, Duration.ofMinutes(5));

        assertRefused(edited(down, o -> o.remove("at")), "at: missing");
        assertRefused(edited(down, o -> o.remove("type")), "type: missing");
        assertRefused(edited(down, o -> o.put("at", "yesterday")), "at: not an ISO-8601 instant");
        assertRefused(edited(down, o -> o.put("to", "SIDEWAYS")), "to: unknown targetstate 'SIDEWAYS'");
        assertRefused(edited(down, o -> ((ObjectNode) o.get("cause").get("error")).remove("reason")),
                "cause.error.reason: missing");
        assertRefused(edited(down, o -> ((ObjectNode) o.get("cause").get("conditions").get(1)).put("passed", "no")),
                "cause.conditions[1].passed: not true or false");
        assertRefused(edited(flapping, o -> o.put("changes", "4")), "changes: not a whole number");
        assertRefused(edited(flapping, o -> o.put("window", 1.5)), "window: not a whole number");
        assertRefused(edited(new ConnectivityRestored(AT, Duration.ofSeconds(1), 2), o -> o.remove("lostFor")),
                "lostFor: missing");
    }

    static void assertRefused(String body, String problem) {
        assertThatThrownBy(() -> DetectionEventJson.read(body, TARGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    }
}
