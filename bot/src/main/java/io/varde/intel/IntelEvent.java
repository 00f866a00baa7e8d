package io.varde.intel;

import java.time.Instant;
import java.util.List;

/** What intel tells correlation, after it is stored. Immutable values. */
public sealed interface IntelEvent {

    /** When Varde learnt of it. */
    Instant at();

    /** A claim was stored (not sent again for a duplicate). */
    record ClaimSeen(StoredClaim claim) implements IntelEvent {

        @Override
        public Instant at() {
            return claim.claim().observedAt();
        }
    }

    /**
     * A task list source's list changed which monitored targets it tasks.
     *
     * @param source  the task list source's name
     * @param added   targets tasked now and not on the previous list of this source
     * @param removed ids of targets tasked before and no longer
     * @param tasked  every target the list tasks now (added ones included)
     */
    record TaskingChanged(Instant at, String source, List<TaskedTarget> added, List<String> removed,
                          List<TaskedTarget> tasked) implements IntelEvent {

        public TaskingChanged {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            tasked = List.copyOf(tasked);
        }
    }
}
