package io.varde.incident;

import io.varde.correlate.Correlator;
import io.varde.correlate.Finding;
import io.varde.detect.DetectionEvent;
import io.varde.intel.IntelEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one path every signal takes into incidents, shared by {@code varde run} and
 * {@code varde replay}: a detection event, an intel event or the passing of time goes through the
 * {@link Correlator}, and its findings, with the event, to {@link IncidentService#onCorrelated}.
 * The findings also go to {@code alsoTo} (the check tightener). Not thread-safe, like the
 * correlator: one thread feeds it, in order.
 */
public final class Signals {

    private final Correlator correlator;
    private final IncidentService incidents;
    private final Consumer<List<Finding>> alsoTo;

    public Signals(Correlator correlator, IncidentService incidents, Consumer<List<Finding>> alsoTo) {
        this.correlator = correlator;
        this.incidents = incidents;
        this.alsoTo = alsoTo;
    }

    /** A detection event; the store failing leaves it waiting in the service (see {@link IncidentService#onEvents}). */
    public void detected(DetectionEvent event) {
        apply(event, correlator.onDetection(event));
    }

    /** Intel stored at {@code now}. */
    public void intel(IntelEvent event, Instant now) {
        apply(null, correlator.onIntel(event, now));
    }

    /** Time has passed: verdicts that fall due (claimed, not observed). */
    public void tick(Instant now) {
        apply(null, correlator.tick(now));
    }

    private void apply(DetectionEvent event, List<Finding> findings) {
        alsoTo.accept(findings);
        incidents.onCorrelated(event, findings);
    }
}
