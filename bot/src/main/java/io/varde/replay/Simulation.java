package io.varde.replay;

import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.correlate.CorrelationRules;
import io.varde.incident.Incident;
import io.varde.incident.OutboxMessage;
import io.varde.incident.TeamConfig;
import io.varde.intel.RawClaim;
import io.varde.intel.TargetIndex;
import io.varde.intel.TaskList;
import io.varde.notify.OutboxStore;
import io.varde.pipeline.Pipeline;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcIntelStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The real {@link Pipeline} of {@code varde run} on a private in-memory H2 database, fed by one
 * thread at simulated times ({@link Pipeline.Hooks#direct}: everything on the caller's thread,
 * failures thrown, since in a replay they are bugs to see, not outages to ride out). Nothing is
 * delivered: the outbox is read at the end.
 */
final class Simulation implements AutoCloseable {

    private final Database db;
    private final SimulatedClock clock = new SimulatedClock();
    private final Pipeline pipeline;
    private final JdbcOutboxStore outbox;

    private Simulation(Database db, List<Target> targets, TeamConfig team, CorrelationRules rules, Instant start) {
        this.db = db;
        clock.now = start;
        this.pipeline = Pipeline.build(new Pipeline.Rules(targets, team, rules), new JdbcIncidentStore(db),
                new JdbcIntelStore(db), () -> TargetIndex.of(targets), Pipeline.Hooks.direct(), clock);
        this.outbox = new JdbcOutboxStore(db);
    }

    /** Opens a fresh in-memory database ({@code jdbc:h2:mem:replay-<random>}) and builds on it at {@code start}. */
    static Simulation open(List<Target> targets, TeamConfig team, CorrelationRules rules, Instant start) {
        Database db = Database.open(new DbSettings("jdbc:h2:mem:replay-" + UUID.randomUUID(), "varde", ""));
        try {
            return new Simulation(db, targets, team, rules, start);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** Sets the simulated time of what is fed next; it never goes back. */
    void at(Instant time) {
        if (time.isBefore(clock.now)) {
            throw new IllegalArgumentException("time went back from " + clock.now + " to " + time);
        }
        clock.now = time;
    }

    void onResult(CheckResult result) {
        pipeline.checked(result);
    }

    void claim(RawClaim raw) {
        pipeline.intake().claim(raw, false);
    }

    void taskList(String source, String actor, TaskList list) {
        pipeline.intake().taskList(source, actor, list);
    }

    /** What the scheduler's sweep job does every second. */
    void tick() {
        pipeline.tick();
    }

    /** Every message queued in the outbox, in queue order. */
    List<OutboxMessage> alerts() {
        return outbox.pending(Integer.MAX_VALUE).stream().map(OutboxStore.Pending::message).toList();
    }

    /** Every incident, oldest first. */
    List<Incident> incidents() {
        List<Incident> all = new ArrayList<>(pipeline.incidents().recent(Integer.MAX_VALUE));
        Collections.reverse(all);
        return all;
    }

    @Override
    public void close() {
        db.close();
    }

    /** The simulated time: set by {@link #at}, read by the pipeline. */
    private static final class SimulatedClock extends Clock {

        private Instant now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the simulated clock is UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
