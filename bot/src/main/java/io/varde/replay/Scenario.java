package io.varde.replay;

import io.varde.intel.RawClaim;
import io.varde.intel.TaskList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A story to replay, validated: every target id exists, steps are in time order, each step has
 * exactly one action, task lists are read. Built by {@code config.ScenarioReader}.
 *
 * @param name  shown in the output
 * @param start the simulated clock starts checking here; every target is checked at its own
 *              interval from {@code start}
 * @param end   the replay stops here (after the last step)
 * @param steps in time order; only intel steps ({@link Step.Claim}, {@link Step.Tasks}) may come
 *              before {@code start}
 */
public record Scenario(String name, Instant start, Instant end, List<Step> steps) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        steps = List.copyOf(steps);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " is not after start " + start);
        }
        Instant previous = Instant.MIN;
        for (Step s : steps) {
            if (s.at().isBefore(previous) || s.at().isAfter(end)) {
                throw new IllegalArgumentException("step on line " + s.line() + " is out of order");
            }
            if (s instanceof Step.Checks && s.at().isBefore(start)) {
                throw new IllegalArgumentException("check step on line " + s.line() + " is before start");
            }
            previous = s.at();
        }
    }

    /** How a target answers its checks from a step on, until another step says otherwise. */
    public enum Behaviour {
        /** Checks pass (the default for every target, canaries included). */
        UP,
        /** Checks pass, too slowly: outcome SLOW. */
        SLOW,
        /** Checks fail with a time-out: outcome FAIL. */
        DOWN
    }

    /** One thing that happens at a time. */
    public sealed interface Step {

        /** When it happens. */
        Instant at();

        /** The line of the scenario file where the step starts, for messages. */
        int line();

        /** From {@code at} on, every check of {@code targetIds} behaves as {@code behaviour}. */
        record Checks(Instant at, int line, Behaviour behaviour, List<String> targetIds) implements Step {
            public Checks {
                Objects.requireNonNull(behaviour, "behaviour");
                targetIds = List.copyOf(targetIds);
            }
        }

        /** A claim arrives, as a source would send it; its observed time is {@code at}. */
        record Claim(Instant at, int line, RawClaim claim) implements Step {
            public Claim {
                Objects.requireNonNull(claim, "claim");
            }
        }

        /**
         * A task list snapshot arrives from the task list source {@code source}; hosts newly on
         * it are claimed by {@code actor}.
         */
        record Tasks(Instant at, int line, String source, String actor, TaskList list) implements Step {
            public Tasks {
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(list, "list");
                actor = actor == null ? "" : actor;
            }
        }
    }
}
