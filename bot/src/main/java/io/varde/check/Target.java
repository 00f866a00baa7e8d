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
 * @param vantage    where it is checked from and how many places must agree
 * @param mitigation what a challenge or block page answered instead of the site looks like
 */
public record Target(String id, String name, ProbeSpec probe, Duration interval, Duration timeout,
                     DetectionSettings detection, Labels labels, List<String> aliases,
                     List<Condition> conditions, boolean canary, Vantage vantage, Mitigation mitigation) {

    public Target {
        aliases = List.copyOf(aliases);
        conditions = List.copyOf(conditions);
        vantage = vantage == null ? Vantage.DEFAULT : vantage;
        mitigation = mitigation == null ? Mitigation.DEFAULT : mitigation;
    }

    /** A target checked from every location, with the well-known mitigation signatures. */
    public Target(String id, String name, ProbeSpec probe, Duration interval, Duration timeout,
                  DetectionSettings detection, Labels labels, List<String> aliases,
                  List<Condition> conditions, boolean canary) {
        this(id, name, probe, interval, timeout, detection, labels, aliases, conditions, canary,
                Vantage.DEFAULT, Mitigation.DEFAULT);
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
