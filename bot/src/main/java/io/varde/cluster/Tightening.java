package io.varde.cluster;

import java.time.Duration;
import java.util.List;

/**
 * A tasked target's tighter checks, as the coordinator's tightener decided them, for the node that
 * owns the target: at most {@code interval} between checks, at most {@code failureThreshold}
 * failures to go DOWN, and the attacked {@code paths} checked in turn ({@code check.Tightened}).
 */
public record Tightening(String targetId, Duration interval, int failureThreshold, List<String> paths) {

    public Tightening {
        paths = List.copyOf(paths);
    }
}
