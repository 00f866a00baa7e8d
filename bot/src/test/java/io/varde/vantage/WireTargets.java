package io.varde.vantage;

import io.varde.check.CheckKind;
import io.varde.check.Condition;
import io.varde.check.ConditionSyntaxException;
import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Mitigation;
import io.varde.check.ProbeSpec;
import io.varde.check.Target;
import io.varde.check.Vantage;
import io.varde.core.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Targets for wire and endpoint tests: as the server holds them, and as an agent receives them. */
final class WireTargets {

    private WireTargets() {
    }

    static List<Condition> conditions(CheckKind kind, String... texts) {
        return Arrays.stream(texts).map(t -> {
            try {
                return Condition.parse(t, kind);
            } catch (ConditionSyntaxException e) {
                throw new AssertionError(t + ": " + e.getMessage(), e);
            }
        }).toList();
    }

    /** A target as the server's config makes it: labels, aliases, detection settings, a vantage. */
    static Target server(String id, ProbeSpec spec, Duration interval, Duration timeout, List<Condition> conditions,
                         Mitigation mitigation, String sourceAddress) {
        return new Target(id, "Name of " + id, spec, interval, timeout,
                new DetectionSettings(5, 3, 2.0, Duration.ofSeconds(1), 0, Duration.ofMinutes(5)),
                Labels.of(Map.of("sector", "energy")), List.of(id + ".example"), conditions, true,
                new Vantage(List.of("home", "fra"), 2, "dk", sourceAddress), mitigation);
    }

    /** An HTTP target at {@code url} checked every {@code interval}, expecting 200. */
    static Target http(String id, String url, Duration interval) {
        return new Target(id, id, HttpSpec.get(URI.create(url)), interval, Duration.ofSeconds(1),
                DetectionSettings.DEFAULTS, Labels.empty(), List.of(),
                conditions(CheckKind.HTTP, "[STATUS] == 200"), false);
    }

    /** What an agent decodes from {@code t}: the check itself, defaults for the rest. */
    static Target agentView(Target t) {
        return new Target(t.id(), t.name(), t.probe(), t.interval(), t.timeout(), DetectionSettings.DEFAULTS,
                Labels.empty(), List.of(), t.conditions(), false,
                new Vantage(List.of(), 0, null, t.vantage().sourceAddress()), t.mitigation());
    }
}
