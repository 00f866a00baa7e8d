package io.varde.pipeline;

import io.varde.check.CheckResult;
import io.varde.check.Location;
import io.varde.check.Target;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Correlator;
import io.varde.correlate.Finding;
import io.varde.correlate.Tightener;
import io.varde.detect.DetectionEvent;
import io.varde.detect.Monitor;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentService;
import io.varde.incident.IncidentStore;
import io.varde.incident.Signals;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.IntelStore;
import io.varde.intel.TargetIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Varde's stages, built top to bottom from the rules and the stores:
 *
 * <ol>
 * <li>check results ({@link #checked}) are recorded ({@link Hooks#recorded}: history, metrics)
 * and go to detection, {@link Monitor}, which says when a target's announced state changes;</li>
 * <li>its {@link DetectionEvent}s, intel ({@link #intake}: stored first, then an
 * {@link IntelEvent}) and the passing of time ({@link #tick}) go through correlation
 * ({@link Correlator}, by {@link Signals}) on one thread, in order ({@link Hooks#signals});</li>
 * <li>the findings with the event go to {@link IncidentService}, which changes incidents and
 * writes the outbox in the same transaction, then wakes delivery ({@link Hooks#changed});
 * tasked targets' findings also tighten their checks ({@link Tightener}, {@link Hooks#checks}).</li>
 * </ol>
 *
 * <p>Built on a database that already holds incidents (a restart, or a cluster coordinator taking
 * over), each stage gets back what it knew: detection the states users last heard (no outage is
 * announced twice, no recovery missed), correlation its recent outages, campaigns, inhibitions and
 * claims, and tightening the task lists still open. On an empty database this does nothing, so
 * {@code replay} builds it the same way.
 */
public final class Pipeline {

    /** The validated rules the stages are built from. */
    public record Rules(List<Target> targets, TeamConfig team, CorrelationRules correlation,
                        List<Location> locations) {

        public Rules {
            targets = List.copyOf(targets);
            locations = List.copyOf(locations);
        }

        /** Rules of targets checked from the nodes alone. */
        public Rules(List<Target> targets, TeamConfig team, CorrelationRules correlation) {
            this(targets, team, correlation, List.of(Location.home()));
        }
    }

    /** What a step does when it fails: {@code run} logs it and goes on; {@code replay} throws. */
    @FunctionalInterface
    public interface Steps {

        void run(String step, Runnable work);

        /** Failures propagate to the caller. */
        Steps THROW = (step, work) -> work.run();
    }

    /**
     * Where the users of the pipeline differ.
     *
     * @param signals  runs correlation and incident changes, one at a time, in order: a single
     *                 thread of their own in {@code run} (probe, web and scheduler threads never
     *                 wait for the database), the caller's thread in {@code replay}
     * @param steps    what a failed step does
     * @param changed  called after an incident change that may have queued notifications (wakes the
     *                 delivery worker); must not block
     * @param checks   given a tasked target's rotation of checks (its own first): the planner's
     * @param recorded sees every check result before detection does
     * @param intelTap wraps the consumer of intel events (metrics count them)
     */
    public record Hooks(Executor signals, Steps steps, Runnable changed, Consumer<List<Target>> checks,
                        Consumer<CheckResult> recorded, UnaryOperator<Consumer<IntelEvent>> intelTap) {

        /** Everything on the caller's thread, failures thrown, nothing delivered, tightened or recorded. */
        public static Hooks direct() {
            return new Hooks(Runnable::run, Steps.THROW, () -> { }, rotation -> { }, r -> { }, c -> c);
        }
    }

    private final Clock clock;
    private final Hooks hooks;
    private final Monitor monitor;
    private final Correlator correlator;
    private final IncidentService incidents;
    private final Tightener tightener;
    private final Signals signals;
    private final IntelIntake intake;

    private Pipeline(Rules rules, IncidentStore incidentStore, IntelStore intelStore, Supplier<TargetIndex> index,
                     Hooks hooks, Clock clock) {
        this.clock = clock;
        this.hooks = hooks;
        this.monitor = new Monitor(rules.targets(), rules.locations());
        this.correlator = new Correlator(rules.correlation(), rules.targets());
        this.incidents = new IncidentService(incidentStore, rules.team(), rules.targets(), correlator::mayCampaign,
                hooks.changed());
        this.tightener = new Tightener(rules.targets(), rotation -> {
            hooks.checks().accept(rotation);
            monitor.retarget(rotation.get(0));
        });
        this.signals = new Signals(correlator, incidents, tightener::apply);
        this.intake = new IntelIntake(intelStore, index, hooks.intelTap().apply(this::intel));
    }

    /**
     * Builds the stages and gives them back what they knew (see the class comment).
     *
     * @param index which targets a host hits (with the IPs checks resolved, in {@code run})
     */
    public static Pipeline build(Rules rules, IncidentStore incidentStore, IntelStore intelStore,
                                 Supplier<TargetIndex> index, Hooks hooks, Clock clock) {
        Pipeline p = new Pipeline(rules, incidentStore, intelStore, index, hooks, clock);
        p.restore(intelStore);
        return p;
    }

    private void restore(IntelStore intelStore) {
        incidents.storedTargetStates().forEach((id, st) -> monitor.restore(id, st.state(), st.since()));
        List<Incident> open = incidents.unresolved();
        for (Incident i : open) {
            if (i.kind() == IncidentKind.CONNECTIVITY) {
                monitor.restoreConnectivityLost(i.openedAt());
            }
        }
        Instant now = clock.instant();
        IncidentService.CorrelationState state = incidents.correlationState(now);
        correlator.restoreDown(state.downSince());
        List<Finding> findings = correlator.restore(state.outageSince(), state.campaigns(), state.inhibitions(),
                intelStore.claimsSince(now.minus(correlator.memory()), 10_000), now);
        incidents.onCorrelated(null, findings);
        open.stream().filter(i -> i.kind() == IncidentKind.TASKED)
                .forEach(i -> intake.retellTasking(i.taskListSource()));
    }

    /** A check result: recorded, then judged; any change of state goes on to correlation and incidents. */
    public void checked(CheckResult result) {
        hooks.recorded().accept(result);
        detected(monitor.onResult(result, clock.instant()));
    }

    /**
     * A check result seen from {@code location} (a probe agent's): judged with what the other
     * locations see; any change goes on as for {@link #checked(CheckResult)}. Not recorded in the
     * check history yet (it holds the nodes' own checks).
     */
    public void checked(String location, CheckResult result) {
        detected(monitor.onResult(location, result, clock.instant()));
    }

    /** What the sweep does every second: detection's tick, the incident sweep, correlation's tick. */
    public void tick() {
        Instant now = clock.instant();
        hooks.steps().run("tick", () -> detected(monitor.tick(now)));
        hooks.steps().run("incident_sweep", () -> incidents.sweep(now));
        hooks.signals().execute(() -> hooks.steps().run("correlate", () -> signals.tick(now)));
    }

    /** Intel stored (by {@link #intake} or, in a cluster, by another node) goes to correlation. */
    public void intel(IntelEvent event) {
        hooks.signals().execute(() -> hooks.steps().run("intel", () -> signals.intel(event, clock.instant())));
    }

    /**
     * A detection event judged elsewhere (in a cluster, by the node that checks the target's
     * shard) goes on to correlation and incidents, as this pipeline's own would.
     */
    public void detected(DetectionEvent event) {
        detected(List.of(event));
    }

    private void detected(List<DetectionEvent> events) {
        if (!events.isEmpty()) {
            hooks.signals().execute(() -> events.forEach(e -> hooks.steps().run("detect", () -> signals.detected(e))));
        }
    }

    /** The one way intel comes in: read, match, store, then {@link #intel}. */
    public IntelIntake intake() {
        return intake;
    }

    public Monitor monitor() {
        return monitor;
    }

    public IncidentService incidents() {
        return incidents;
    }

    /** The targets checked tightly now. */
    public Tightener tightener() {
        return tightener;
    }
}
