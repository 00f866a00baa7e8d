package io.varde.check.probe;

import io.varde.check.Condition;
import io.varde.check.ConditionSyntaxException;
import io.varde.check.DetectionSettings;
import io.varde.check.Mitigation;
import io.varde.check.ProbeSpec;
import io.varde.check.Target;
import io.varde.check.Vantage;
import io.varde.core.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Targets for prober tests that leave from a source address (or not, when it is null). */
final class SourceTargets {

    private SourceTargets() {
    }

    /** A target probing {@code spec} from {@code source} (null: the system's choice). */
    static Target from(String source, ProbeSpec spec, Duration timeout, String... conditions) {
        List<Condition> parsed = new ArrayList<>();
        for (String c : conditions) {
            try {
                parsed.add(Condition.parse(c, spec.kind()));
            } catch (ConditionSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new Target("probe-test", "probe-test", spec, Duration.ofSeconds(30), timeout,
                DetectionSettings.DEFAULTS, Labels.empty(), List.of(), parsed, false,
                new Vantage(List.of(), 0, null, source), Mitigation.DEFAULT);
    }
}
