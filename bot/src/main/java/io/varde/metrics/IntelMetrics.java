package io.varde.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.varde.intel.IntelEvent;
import io.varde.intel.TaskedTarget;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Threat-intel metrics, read off the intel events on their way to correlation: {@code
 * varde_claims_total{source}} (claims stored, by {@code task-list}, {@code webhook}, {@code
 * feed}, {@code manual}; a duplicate is not an event, so it is not counted) and {@code
 * varde_tasked_targets} (monitored targets on at least one task list now). The tasked set is the
 * last {@code TaskingChanged} of each task list source, so the task list retold at start rebuilds
 * it after a restart.
 */
final class IntelMetrics {

    private final MeterRegistry registry;
    /** The targets each task list source tasks now. */
    private final Map<String, Set<String>> taskedBySource = new ConcurrentHashMap<>();

    IntelMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("varde.tasked.targets", this, IntelMetrics::taskedTargets)
                .description("Monitored targets on at least one attack task list now")
                .strongReference(true)
                .register(registry);
    }

    /** {@code next}, counting each event first. */
    Consumer<IntelEvent> counting(Consumer<IntelEvent> next) {
        return event -> {
            heard(event);
            next.accept(event);
        };
    }

    void heard(IntelEvent event) {
        if (event instanceof IntelEvent.ClaimSeen seen) {
            Counter.builder("varde.claims")
                    .description("Claims of attacks stored, by source")
                    .tag("source", seen.claim().claim().source().word())
                    .register(registry)
                    .increment();
        } else if (event instanceof IntelEvent.TaskingChanged changed) {
            Set<String> ids = new HashSet<>();
            for (TaskedTarget t : changed.tasked()) {
                ids.add(t.targetId());
            }
            taskedBySource.put(changed.source(), Set.copyOf(ids));
        }
    }

    double taskedTargets() {
        Set<String> all = new HashSet<>();
        taskedBySource.values().forEach(all::addAll);
        return all.size();
    }
}
