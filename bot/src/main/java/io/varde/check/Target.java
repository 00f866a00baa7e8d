package io.varde.check;

import io.varde.core.Labels;
import java.time.Duration;
import java.util.List;

/**
 * A monitored endpoint, validated and complete (defaults already applied).
 *
 * @param id         unique, {@code [a-z0-9-]+}; used in alerts and commands
 * @param name       a human name
 * @param probe      what to probe
 * @param interval   time between checks
 * @param timeout    a probe taking longer fails with reason TIMEOUT
 * @param detection  thresholds, latency baseline and flapping settings
 * @param labels     {@code sector}, {@code org}, ... for routing and correlation
 * @param aliases    other host names threat intel may use for this target
 * @param conditions all must hold for a check to pass (config supplies a default per kind)
 * @param canary     true when this target guards the bot's own connectivity
 */
public record Target(String id, String name, ProbeSpec probe, Duration interval, Duration timeout,
                     DetectionSettings detection, Labels labels, List<String> aliases,
                     List<Condition> conditions, boolean canary) {

    public Target {
        aliases = List.copyOf(aliases);
        conditions = List.copyOf(conditions);
    }

    /** True when {@code ref} is this target's id or one of its aliases, ignoring case. */
    public boolean answersTo(String ref) {
        return id.equalsIgnoreCase(ref) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(ref));
    }

    public CheckKind kind() {
        return probe.kind();
    }

    public String host() {
        return probe.host();
    }

    /** True when a condition reads the response body, so the prober must keep it. */
    public boolean needsBody() {
        return conditions.stream().anyMatch(Condition::usesBody);
    }

    /** True when a condition reads the resolved IP address. */
    public boolean needsIp() {
        return conditions.stream().anyMatch(Condition::usesIp);
    }
}
