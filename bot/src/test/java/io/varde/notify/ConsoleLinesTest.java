package io.varde.notify;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Target;
import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.TargetState;
import io.varde.notify.console.ConsoleNotifier;
import io.varde.testing.TestTargets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact line the console shows for each kind of event. */
class ConsoleLinesTest {

    private static final Target SITE = TestTargets.http("borger-dk");

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("outage", new DetectionEvent.StateChanged(T0, SITE, TargetState.UP,
                        TargetState.DOWN, Duration.ofHours(5), TestTargets.fail("borger-dk", T0)),
                        "2025-11-13T08:00:00Z CRITICAL borger-dk UP -> DOWN"
                                + " | connect: connection refused | response time 3ms"),
                Arguments.of("first check fails", new DetectionEvent.StateChanged(T0, SITE,
                        TargetState.UNKNOWN, TargetState.DOWN, null, TestTargets.fail("borger-dk", T0)),
                        "2025-11-13T08:00:00Z CRITICAL borger-dk UNKNOWN -> DOWN"
                                + " | connect: connection refused | response time 3ms"),
                Arguments.of("slow", new DetectionEvent.StateChanged(T0, SITE, TargetState.UP,
                        TargetState.DEGRADED, Duration.ofHours(1), TestTargets.slow("borger-dk", T0)),
                        "2025-11-13T08:00:00Z WARNING  borger-dk UP -> DEGRADED"
                                + " | [RESPONSE_TIME] < 2000 (observed 2500ms) | response time 2500ms"),
                Arguments.of("recovery", new DetectionEvent.StateChanged(T0, SITE, TargetState.DOWN,
                        TargetState.UP, Duration.ofSeconds(1670), TestTargets.ok("borger-dk", T0, 120)),
                        "2025-11-13T08:00:00Z RESOLVED borger-dk DOWN -> UP | DOWN for 27m50s"
                                + " | response time 120ms"),
                Arguments.of("flapping", new DetectionEvent.FlappingStarted(T0, SITE, TargetState.DOWN,
                        4, Duration.ofMinutes(15)),
                        "2025-11-13T08:00:00Z WARNING  borger-dk FLAPPING, now DOWN"
                                + " | 4 state changes in 15m | changes are not announced until it settles"),
                Arguments.of("settled", new DetectionEvent.FlappingStopped(T0, SITE, TargetState.UP),
                        "2025-11-13T08:00:00Z RESOLVED borger-dk stopped flapping, now UP"),
                Arguments.of("connectivity lost", new DetectionEvent.ConnectivityLost(T0, List.of(
                        new CanaryFailure("canary-a", "dns: unknown host one.one.one.one"),
                        new CanaryFailure("canary-b", "timeout: no response within 5s"))),
                        "2025-11-13T08:00:00Z CRITICAL connectivity MONITORING CONNECTIVITY LOST"
                                + " | all 2 canaries are failing"
                                + " | canary-a: dns: unknown host one.one.one.one"
                                + " | canary-b: timeout: no response within 5s"
                                + " | target alerts are held back until a canary is back"),
                Arguments.of("connectivity restored", new DetectionEvent.ConnectivityRestored(T0,
                        Duration.ofMinutes(8), 14),
                        "2025-11-13T08:00:00Z RESOLVED connectivity monitoring connectivity restored"
                                + " | lost for 8m | 14 targets that changed meanwhile are re-checked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void printsOneReadableLine(String name, DetectionEvent event, String expected) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Alerts alerts = new Alerts(List.of(new ConsoleNotifier(new PrintStream(bytes, true,
                StandardCharsets.UTF_8))), (n, e) -> { });
        alerts.publish(List.of(event));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected + System.lineSeparator());
    }

    @Test
    void aFailingNotifierDoesNotStopTheOthers() {
        List<Notification> received = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Notifier broken = new Notifier() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void send(Notification n) throws Exception {
                throw new java.io.IOException("down");
            }
        };
        Notifier recording = new Notifier() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void send(Notification n) {
                received.add(n);
            }
        };
        Alerts alerts = new Alerts(List.of(broken, recording),
                (n, e) -> failures.add(n.name() + ": " + e.getMessage()));
        alerts.publish(List.of(new DetectionEvent.FlappingStopped(T0, SITE, TargetState.UP)));
        assertThat(received).hasSize(1);
        assertThat(failures).containsExactly("broken: down");
    }
}
