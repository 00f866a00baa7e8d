package io.varde.replay;

import io.varde.incident.Incident;
import io.varde.incident.OutboxMessage;
import java.util.List;
import java.util.Objects;

/**
 * What a replay produced.
 *
 * @param scenario the scenario replayed
 * @param targets  how many targets were checked
 * @param checks   how many checks were simulated
 * @param alerts   every outbox message, in queue order (the order a channel would show them)
 * @param incidents every incident at the end, oldest first
 */
public record ReplayResult(Scenario scenario, int targets, long checks, List<OutboxMessage> alerts,
                           List<Incident> incidents) {

    public ReplayResult {
        Objects.requireNonNull(scenario, "scenario");
        alerts = List.copyOf(alerts);
        incidents = List.copyOf(incidents);
    }
}
