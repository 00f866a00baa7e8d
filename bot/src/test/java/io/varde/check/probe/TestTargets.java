package io.varde.check.probe;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.ProbeSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Targets for prober tests: no conditions, so what a probe keeps is set by the test itself. */
final class TestTargets {

    private TestTargets() {
    }

    static Target target(ProbeSpec spec, Duration timeout) {
        return new Target("probe-test", "Probe test", spec, Duration.ofSeconds(30), timeout,
                DetectionSettings.DEFAULTS, Labels.empty(), List.of(), List.of(), false);
    }

    static Target get(URI url, Duration timeout) {
        return target(HttpSpec.get(url), timeout);
    }

    static HttpSpec spec(URI url, String method, Map<String, String> headers, String body,
                         boolean followRedirects, boolean verifyTls) {
        return new HttpSpec(url, method, headers, body, followRedirects, verifyTls);
    }
}
