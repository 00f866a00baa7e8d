package io.varde.replay;

import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Correlator;
import io.varde.detect.DetectionEvent;
import io.varde.detect.Monitor;
import io.varde.incident.Incident;
import io.varde.incident.IncidentService;
import io.varde.incident.OutboxMessage;
import io.varde.incident.Signals;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.RawClaim;
import io.varde.intel.TargetIndex;
import io.varde.intel.TaskList;
import io.varde.notify.OutboxStore;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcIntelStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The real pipeline of {@code varde run}, built as {@code Wiring} builds it, on a private
 * in-memory H2 database and fed by one thread at simulated times: check results go to
 * {@link Monitor}, its events through {@link Correlator} to {@link IncidentService#onCorrelated};
 * intel goes through {@link IntelIntake} and then the correlator; the passing of time runs the
 * monitor's tick, the incident sweep and the correlator's tick, in that order. Nothing is
 * delivered: the outbox is read at the end. Failures propagate: in a replay they are bugs to see,
 * not outages to ride out.
 */
final class Pipeline implements AutoCloseable {

    private final Database db;
    private final Monitor monitor;
    private final IncidentService incidents;
    private final Signals signals;
    private final IntelIntake intel;
    private final JdbcOutboxStore outbox;
    private Instant now;

    private Pipeline(Database db, List<Target> targets, TeamConfig team, CorrelationRules rules) {
        this.db = db;
        this.monitor = new Monitor(targets);
        Correlator correlator = new Correlator(rules, targets);
        this.incidents = new IncidentService(new JdbcIncidentStore(db), team, targets, correlator::mayCampaign,
                () -> { });
        this.signals = new Signals(correlator, incidents, findings -> { });
        this.intel = new IntelIntake(new JdbcIntelStore(db), () -> TargetIndex.of(targets), this::onIntel);
        this.outbox = new JdbcOutboxStore(db);
    }

    /** Opens a fresh in-memory database ({@code jdbc:h2:mem:replay-<random>}) and builds on it. */
    static Pipeline open(List<Target> targets, TeamConfig team, CorrelationRules rules) {
        Database db = Database.open(new DbSettings("jdbc:h2:mem:replay-" + UUID.randomUUID(), "varde", ""));
        try {
            return new Pipeline(db, targets, team, rules);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** Sets the simulated time of what is fed next; it never goes back. */
    void at(Instant time) {
        if (now != null && time.isBefore(now)) {
            throw new IllegalArgumentException("time went back from " + now + " to " + time);
        }
        now = time;
    }

    void onResult(CheckResult result) {
        detected(monitor.onResult(result, now));
    }

    void claim(RawClaim raw) {
        intel.claim(raw, false);
    }

    void taskList(String source, String actor, TaskList list) {
        intel.taskList(source, actor, list);
    }

    /** What the scheduler's sweep job does every second. */
    void tick() {
        detected(monitor.tick(now));
        incidents.sweep(now);
        signals.tick(now);
    }

    private void detected(List<DetectionEvent> events) {
        events.forEach(signals::detected);
    }

    private void onIntel(IntelEvent event) {
        signals.intel(event, now);
    }

    /** Every message queued in the outbox, in queue order. */
    List<OutboxMessage> alerts() {
        return outbox.pending(Integer.MAX_VALUE).stream().map(OutboxStore.Pending::message).toList();
    }

    /** Every incident, oldest first. */
    List<Incident> incidents() {
        List<Incident> all = new ArrayList<>(incidents.recent(Integer.MAX_VALUE));
        Collections.reverse(all);
        return all;
    }

    @Override
    public void close() {
        db.close();
    }
}
