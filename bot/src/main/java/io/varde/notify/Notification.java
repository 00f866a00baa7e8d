package io.varde.notify;

import io.varde.core.Labels;
import io.varde.core.Severity;
import java.time.Instant;
import java.util.List;

/**
 * One message for humans, independent of where it is shown.
 *
 * @param at       when it happened
 * @param severity how urgent
 * @param subject  what it is about: a target id, or {@code connectivity}
 * @param headline the gist, e.g. {@code UP -> DOWN}
 * @param details  reasons and context, one item each (failed conditions, durations)
 * @param labels   the subject's labels, for routing
 */
public record Notification(Instant at, Severity severity, String subject, String headline,
                           List<String> details, Labels labels) {

    public Notification {
        details = List.copyOf(details);
    }
}
