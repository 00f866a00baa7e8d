package io.varde.incident;

import io.varde.core.Labels;
import io.varde.core.Matchers;
import java.util.Objects;
import java.util.function.Function;

/** What a mute silences: one incident, one target, or every target whose labels match. */
public sealed interface MuteScope {

    /** True when this scope silences {@code incident}; {@code labelsOf} gives a target's labels. */
    boolean covers(Incident incident, Function<String, Labels> labelsOf);

    /** For humans and the store, e.g. {@code INC-3}, {@code target borger-dk}, {@code sector="government"}. */
    String describe();

    /** Silences one incident. */
    record OfIncident(long number) implements MuteScope {
        @Override
        public boolean covers(Incident incident, Function<String, Labels> labelsOf) {
            return incident.number() == number;
        }

        @Override
        public String describe() {
            return Incident.id(number);
        }
    }

    /** Silences incidents all of whose targets are this one (an incident only about it). */
    record OfTarget(String targetId) implements MuteScope {
        public OfTarget {
            Objects.requireNonNull(targetId, "targetId");
        }

        @Override
        public boolean covers(Incident incident, Function<String, Labels> labelsOf) {
            return !incident.targets().isEmpty()
                    && incident.targets().stream().allMatch(t -> t.targetId().equals(targetId));
        }

        @Override
        public String describe() {
            return "target " + targetId;
        }
    }

    /**
     * Silences incidents all of whose targets have matching labels. A connectivity incident has
     * no labelled targets of its own and is never silenced by labels.
     */
    record OfLabels(Matchers matchers) implements MuteScope {
        public OfLabels {
            Objects.requireNonNull(matchers, "matchers");
        }

        @Override
        public boolean covers(Incident incident, Function<String, Labels> labelsOf) {
            if (incident.kind() == IncidentKind.CONNECTIVITY || incident.targets().isEmpty()) {
                return false;
            }
            return incident.targets().stream()
                    .allMatch(t -> matchers.matches(labelsOf.apply(t.targetId())));
        }

        @Override
        public String describe() {
            return matchers.toString();
        }
    }
}
