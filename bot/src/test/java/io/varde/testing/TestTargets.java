package io.varde.testing;

import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Outcome;
import io.varde.check.ProbeSpec;
import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.core.Labels;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for targets and check results in tests. */
public final class TestTargets {

    public static final Instant T0 = Instant.parse("2025-11-13T08:00:00Z");

    private TestTargets() {
    }

    /** A target with no conditions (so a probe keeps what the test asks for), checked every 30s. */
    public static Target probing(ProbeSpec spec, Duration timeout) {
        return target("probe-test", spec, Duration.ofSeconds(30), timeout);
    }

    /** An HTTP GET of {@code url} with no conditions. */
    public static Target probing(URI url, Duration timeout) {
        return probing(HttpSpec.get(url), timeout);
    }

    /** A plain target with default detection, no labels and no conditions. */
    public static Target target(String id, ProbeSpec spec, Duration interval, Duration timeout) {
        return new Target(id, id, spec, interval, timeout, DetectionSettings.DEFAULTS,
                Labels.empty(), List.of(), List.of(), false);
    }

    public static Target http(String id) {
        return http(id, DetectionSettings.DEFAULTS, false);
    }

    public static Target canary(String id) {
        return http(id, DetectionSettings.DEFAULTS, true);
    }

    public static Target http(String id, DetectionSettings detection, boolean canary) {
        return new Target(id, id, HttpSpec.get(URI.create("http://127.0.0.1:9/" + id)),
                Duration.ofSeconds(30), Duration.ofSeconds(5), detection,
                Labels.of(Map.of("sector", "government")), List.of(), List.of(), canary);
    }

    public static DetectionSettings thresholds(int failure, int success) {
        DetectionSettings d = DetectionSettings.DEFAULTS;
        return new DetectionSettings(failure, success, d.baselineFactor(), d.baselineFloor(),
                d.flapThreshold(), d.flapWindow());
    }

    public static CheckResult ok(String id, Instant at, long millis) {
        return new CheckResult(id, at, Duration.ofMillis(millis), Outcome.OK, null,
                List.of(new ConditionResult("[STATUS] == 200", true, "200")));
    }

    public static CheckResult slow(String id, Instant at) {
        return new CheckResult(id, at, Duration.ofMillis(2500), Outcome.SLOW, null,
                List.of(new ConditionResult("[RESPONSE_TIME] < 2000", false, "2500ms")));
    }

    public static CheckResult fail(String id, Instant at) {
        return new CheckResult(id, at, Duration.ofMillis(3), Outcome.FAIL,
                new ProbeError(ProbeError.Reason.CONNECT, "connection refused"),
                List.of(new ConditionResult("[STATUS] == 200", false, "n/a")));
    }

    /** A result of the kind named by a letter: O(k), S(low) or F(ail). */
    public static CheckResult result(char kind, String id, Instant at) {
        return switch (kind) {
            case 'O' -> ok(id, at, 100);
            case 'S' -> slow(id, at);
            case 'F' -> fail(id, at);
            default -> throw new IllegalArgumentException("unknown result letter " + kind);
        };
    }
}
