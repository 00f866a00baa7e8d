package io.varde.notify;

import io.varde.check.Target;
import io.varde.core.Durations;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import java.util.ArrayList;
import java.util.List;

/** Words for detection events: what users read in every notifier. Pure. */
public final class AlertComposer {

    /** The subject of connectivity notifications. */
    public static final String CONNECTIVITY = "connectivity";

    private AlertComposer() {
    }

    public static Notification compose(DetectionEvent event) {
        if (event instanceof StateChanged s) {
            return stateChanged(s);
        } else if (event instanceof FlappingStarted f) {
            return new Notification(f.at(), Severity.WARNING, f.target().id(),
                    "FLAPPING, now " + f.current(),
                    List.of(f.changes() + " state changes in " + Durations.format(f.window()),
                            "changes are not announced until it settles"),
                    f.target().labels());
        } else if (event instanceof FlappingStopped f) {
            return new Notification(f.at(), severityOf(f.current()), f.target().id(),
                    "stopped flapping, now " + f.current(), List.of(), f.target().labels());
        } else if (event instanceof ConnectivityLost l) {
            List<String> details = new ArrayList<>();
            details.add("all " + l.canaries().size() + " canaries are failing");
            for (CanaryFailure c : l.canaries()) {
                details.add(c.targetId() + ": " + c.reason());
            }
            details.add("target alerts are held back until a canary is back");
            return new Notification(l.at(), Severity.CRITICAL, CONNECTIVITY,
                    "MONITORING CONNECTIVITY LOST", details, Labels.empty());
        } else if (event instanceof ConnectivityRestored r) {
            return new Notification(r.at(), Severity.RESOLVED, CONNECTIVITY,
                    "monitoring connectivity restored",
                    List.of("lost for " + Durations.format(r.lostFor()),
                            r.recheck() + " targets that changed meanwhile are re-checked"),
                    Labels.empty());
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private static Notification stateChanged(StateChanged s) {
        Target t = s.target();
        List<String> details = new ArrayList<>();
        if (s.to() == TargetState.UP) {
            if (s.lasted() != null) {
                details.add(s.from() + " for " + Durations.format(s.lasted()));
            }
        } else {
            if (s.cause() != null) {
                details.addAll(s.cause().problems());
            }
        }
        if (s.cause() != null) {
            details.add("response time " + s.cause().responseTime().toMillis() + "ms");
        }
        return new Notification(s.at(), severityOf(s.to()), t.id(), s.from() + " -> " + s.to(),
                details, t.labels());
    }

    private static Severity severityOf(TargetState state) {
        return switch (state) {
            case DOWN -> Severity.CRITICAL;
            case DEGRADED -> Severity.WARNING;
            case UP -> Severity.RESOLVED;
            case UNKNOWN -> Severity.INFO;
        };
    }
}
