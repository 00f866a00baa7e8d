package io.varde.replay;

import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.correlate.CorrelationRules;
import io.varde.incident.TeamConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Plays a {@link Scenario} through the real pipeline on a simulated clock.
 *
 * <p>Time advances in jumps, from one thing that happens to the next: a step, a check that is
 * due, a check result that comes in, or the sweep. Each target is checked at its own interval
 * from {@code start} (no jitter); a check's result comes in when its probe would have finished
 * (after its latency, or its timeout when it is down). At one instant, steps come first (a target
 * that goes down at 07:02 fails its 07:02 check), then the checks due start, then the results due
 * come in. After the last thing that happens in a simulated second, and at least every 10
 * simulated seconds from {@code start} on, time passes as in production: the monitor's tick, the
 * incident sweep (escalations, reminders, mutes) and the correlator's tick. Before {@code start}
 * nothing is checked: claims and task lists dated earlier are fed at their times, the sweep and
 * tick running after each, and the clock then jumps to the next step or to {@code start}.
 * Checks still running at {@code end} are not waited for; the replay ends with a last sweep at
 * {@code end}.
 */
public final class Replay {

    /** Time passes at least this often from {@code start} on, as the sweep job's 1 s at most 10 times slower. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final List<Target> targets;
    private final Simulation pipeline;
    private final Map<String, Scenario.Behaviour> behaviour = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparingInt(Due::order));
    private final PriorityQueue<Running> running = new PriorityQueue<>(
            Comparator.comparing(Running::doneAt).thenComparingLong(Running::seq));
    private int nextStep;
    private long seq;
    private long checks;
    private Instant lastSweep;

    /** A check of {@code targets.get(order)} due at {@code at}. */
    private record Due(Instant at, int order) {
    }

    /** A check whose result comes in at {@code doneAt}. */
    private record Running(Instant doneAt, long seq, CheckResult result) {
    }

    private Replay(Scenario scenario, List<Target> targets, Simulation pipeline) {
        this.scenario = scenario;
        this.targets = List.copyOf(targets);
        this.pipeline = pipeline;
        for (int i = 0; i < this.targets.size(); i++) {
            due.add(new Due(scenario.start(), i));
        }
    }

    /**
     * Replays {@code scenario} against the rules on a fresh in-memory database.
     *
     * @param targets the rules' targets; the scenario names only these
     */
    public static ReplayResult run(Scenario scenario, List<Target> targets, TeamConfig team, CorrelationRules rules) {
        Instant first = scenario.steps().stream().map(Scenario.Step::at).min(Comparator.naturalOrder())
                .filter(t -> t.isBefore(scenario.start())).orElse(scenario.start());
        try (Simulation pipeline = Simulation.open(targets, team, rules, first)) {
            Replay replay = new Replay(scenario, targets, pipeline);
            replay.play();
            return new ReplayResult(scenario, targets.size(), replay.checks, pipeline.alerts(), pipeline.incidents());
        }
    }

    private void play() {
        for (Instant t = next(); t != null; t = next()) {
            pipeline.at(t);
            boolean sweepDue = lastSweep != null && !t.isBefore(lastSweep.plus(SWEEP_EVERY));
            while (nextStep < scenario.steps().size() && scenario.steps().get(nextStep).at().equals(t)) {
                apply(scenario.steps().get(nextStep++));
            }
            while (!due.isEmpty() && due.peek().at().equals(t)) {
                startCheck(due.poll());
            }
            while (!running.isEmpty() && running.peek().doneAt().equals(t)) {
                pipeline.onResult(running.poll().result());
            }
            Instant after = nextEvent();
            if (sweepDue || after == null || !second(after).equals(second(t))) {
                pipeline.tick();
                lastSweep = t;
            }
        }
        if (lastSweep == null || lastSweep.isBefore(scenario.end())) {
            pipeline.at(scenario.end());
            pipeline.tick();
        }
    }

    /** The next instant at which anything happens, the sweep included; null when the replay is over. */
    private Instant next() {
        Instant t = nextEvent();
        if (lastSweep != null && !lastSweep.isBefore(scenario.start())) {
            Instant sweep = lastSweep.plus(SWEEP_EVERY);
            t = t == null || sweep.isBefore(t) ? sweep : t;
        }
        return t == null || t.isAfter(scenario.end()) ? null : t;
    }

    /** The next step, check start or check result, whichever comes first; null when none is left. */
    private Instant nextEvent() {
        Instant t = null;
        if (nextStep < scenario.steps().size()) {
            t = scenario.steps().get(nextStep).at();
        }
        if (!due.isEmpty()) {
            t = earlier(t, due.peek().at());
        }
        if (!running.isEmpty()) {
            t = earlier(t, running.peek().doneAt());
        }
        return t;
    }

    private void apply(Scenario.Step step) {
        if (step instanceof Scenario.Step.Checks c) {
            c.targetIds().forEach(id -> behaviour.put(id, c.behaviour()));
        } else if (step instanceof Scenario.Step.Claim c) {
            pipeline.claim(c.claim());
        } else if (step instanceof Scenario.Step.Tasks t) {
            pipeline.taskList(t.source(), t.actor(), t.list());
        }
    }

    private void startCheck(Due d) {
        Target target = targets.get(d.order());
        CheckResult result = SimulatedChecks.result(target,
                behaviour.getOrDefault(target.id(), Scenario.Behaviour.UP), d.at());
        checks++;
        running.add(new Running(d.at().plus(result.responseTime()), seq++, result));
        due.add(new Due(d.at().plus(target.interval()), d.order()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant second(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }
}
