package io.varde.store.jdbc;

import static io.varde.store.jdbc.Fixtures.ALICE;
import static io.varde.store.jdbc.Fixtures.T0;
import static io.varde.store.jdbc.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.detect.TargetState;
import io.varde.incident.Actor;
import io.varde.incident.Incident;
import io.varde.incident.IncidentState;
import io.varde.incident.IncidentTx;
import io.varde.incident.Mute;
import io.varde.incident.MuteScope;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcIncidentStore} must do, on H2 and on PostgreSQL. */
class IncidentStoreTest extends OnBothDatabases {

    JdbcIncidentStore store;
    JdbcOutboxStore outbox;

    @BeforeEach
    void emptyDatabase() {
        TestDatabases.clean(db());
        store = new JdbcIncidentStore(db());
        outbox = new JdbcOutboxStore(db());
    }

    long newNumber() {
        return store.inTransaction(IncidentTx::nextIncidentNumber);
    }

    Incident insert(Incident i) {
        store.inTransaction(tx -> {
            tx.insert(i);
            return null;
        });
        return i;
    }

    // Reads, each in its own transaction.

    Optional<Incident> incident(long number) {
        return store.inTransaction(tx -> tx.incident(number));
    }

    boolean update(Incident next) {
        return store.inTransaction(tx -> tx.update(next));
    }

    List<Incident> due(Instant now) {
        return store.inTransaction(tx -> tx.withDueTimers(now));
    }

    Optional<Incident> withTarget(String targetId) {
        return store.inTransaction(tx -> tx.unresolvedWithTarget(targetId));
    }

    Optional<Incident> unresolvedByKey(String key) {
        return store.inTransaction(tx -> tx.unresolvedByKey(key));
    }

    List<Incident> unresolved() {
        return store.inTransaction(IncidentTx::unresolved);
    }

    List<Incident> recent(int limit) {
        return store.inTransaction(tx -> tx.recent(limit));
    }

    List<TimelineEntry> timeline(long incident) {
        return store.inTransaction(tx -> tx.timeline(incident));
    }

    Optional<Mute> mute(long number) {
        return store.inTransaction(tx -> tx.mute(number));
    }

    List<Mute> unendedMutes() {
        return store.inTransaction(IncidentTx::unendedMutes);
    }

    long nextMuteNumber() {
        return store.inTransaction(IncidentTx::nextMuteNumber);
    }

    Map<String, IncidentTx.StoredTargetState> targetStates() {
        return store.inTransaction(IncidentTx::targetStates);
    }

    @Test
    void everyFieldRoundTrips() {
        Incident full = insert(Fixtures.full(newNumber(), "group:sector=government"));
        assertThat(incident(full.number())).contains(full);
    }

    @Test
    void nullFieldsRoundTrip() {
        Incident minimal = insert(Fixtures.minimal(newNumber(), "target:borger-dk"));
        assertThat(incident(minimal.number())).contains(minimal);
        assertThat(incident(minimal.number() + 1000)).isEmpty();
    }

    @Test
    void updateNeedsTheRevisionBefore() {
        Incident opened = insert(Fixtures.minimal(newNumber(), "target:borger-dk"));
        Incident.Builder b = opened.toBuilder();
        b.title = "borger-dk and skat-dk are down";
        b.revision = 2;
        Incident second = b.build();

        assertThat(update(second)).isTrue();
        assertThat(update(second))
                .as("a writer that read revision 1 after revision 2 was stored").isFalse();
        Incident.Builder stale = opened.toBuilder();
        stale.title = "stale";
        stale.revision = 2;
        assertThat(update(stale.build())).isFalse();
        assertThat(incident(opened.number())).contains(second);
    }

    /** Two writers read revision 1; the one that waits for the other's commit must lose. */
    @Test
    void ofTwoConcurrentWritersOnlyTheFirstWins() throws Exception {
        Incident opened = insert(Fixtures.minimal(newNumber(), "target:borger-dk"));
        Incident.Builder mine = opened.toBuilder();
        mine.title = "mine";
        mine.revision = 2;
        try (Connection first = db().dataSource().getConnection()) {
            first.setAutoCommit(false);
            try (PreparedStatement ps = first.prepareStatement("UPDATE incidents SET title = 'theirs', "
                    + "revision = 2 WHERE number = ? AND revision = 1")) {
                ps.setLong(1, opened.number());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Boolean> won = TestDatabases.startAndAwaitLockWait(db(), () -> update(mine.build()));
            first.commit();
            assertThat(won.get(30, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(incident(opened.number())).hasValueSatisfying(i -> assertThat(i.title()).isEqualTo("theirs"));
    }

    @Test
    void unresolvedByKeyIgnoresResolvedIncidents() {
        Incident first = insert(Fixtures.minimal(newNumber(), "target:borger-dk"));
        assertThat(unresolvedByKey("target:borger-dk")).contains(first);
        assertThat(unresolvedByKey("target:skat-dk")).isEmpty();

        Incident done = Fixtures.resolved(first, t(600));
        assertThat(update(done)).isTrue();
        assertThat(unresolvedByKey("target:borger-dk")).isEmpty();

        Incident again = insert(Fixtures.minimal(newNumber(), "target:borger-dk"));
        assertThat(unresolvedByKey("target:borger-dk")).contains(again);
    }

    @Test
    void theUnresolvedIncidentOfATargetIsFoundUntilItResolvesOrTheTargetLeaves() {
        Incident both = insert(Fixtures.full(newNumber(), "group:gov"));
        Incident.Builder connectivity = Fixtures.full(newNumber(), "connectivity").toBuilder();
        connectivity.kind = io.varde.incident.IncidentKind.CONNECTIVITY;
        insert(connectivity.build());

        assertThat(withTarget("skat-dk")).contains(both);
        assertThat(withTarget("kk-dk")).isEmpty();

        Incident.Builder fewer = both.toBuilder();
        fewer.targets = both.targets().subList(0, 1);
        fewer.revision = both.revision() + 1;
        assertThat(update(fewer.build())).isTrue();
        assertThat(withTarget("skat-dk")).isEmpty();
        assertThat(withTarget("borger-dk")).contains(fewer.build());

        assertThat(update(Fixtures.resolved(fewer.build(), t(900)))).isTrue();
        assertThat(withTarget("borger-dk"))
                .as("neither a resolved incident nor a connectivity one").isEmpty();
    }

    @Test
    void onlyOpenIncidentsWithATimerDueAreFoundForTheSweep() {
        Incident.Builder escalates = Fixtures.minimal(newNumber(), "target:a").toBuilder();
        escalates.nextEscalationAt = t(60);
        Incident.Builder reminds = Fixtures.minimal(newNumber(), "target:b").toBuilder();
        reminds.nextReminderAt = t(120);
        Incident.Builder acknowledged = Fixtures.minimal(newNumber(), "target:c").toBuilder();
        acknowledged.state = IncidentState.ACKNOWLEDGED;
        acknowledged.nextEscalationAt = t(30);
        insert(Fixtures.minimal(newNumber(), "target:d"));
        Incident a = insert(escalates.build());
        Incident b = insert(reminds.build());
        insert(acknowledged.build());

        assertThat(due(t(59))).isEmpty();
        assertThat(due(t(60))).containsExactly(a);
        assertThat(due(t(120))).containsExactly(a, b);
    }

    @Test
    void aSecondUnresolvedIncidentWithTheSameKeyIsRefused() {
        insert(Fixtures.minimal(newNumber(), "target:borger-dk"));
        long other = newNumber();
        assertThatThrownBy(() -> insert(Fixtures.minimal(other, "target:borger-dk")))
                .isInstanceOf(StoreException.class);
        assertThat(incident(other)).isEmpty();
    }

    @Test
    void unresolvedOldestFirstAndRecentNewestFirst() {
        Incident a = insert(Fixtures.minimal(newNumber(), "target:a"));
        Incident b = insert(Fixtures.resolved(Fixtures.minimal(newNumber(), "target:b"), t(5)));
        Incident c = insert(Fixtures.minimal(newNumber(), "target:c"));

        assertThat(unresolved()).containsExactly(a, c);
        assertThat(recent(10)).containsExactly(c, b, a);
        assertThat(recent(2)).containsExactly(c, b);
    }

    @Test
    void timelineIsOldestFirst() {
        long n = insert(Fixtures.minimal(newNumber(), "target:a")).number();
        TimelineEntry opened = new TimelineEntry(n, T0, Actor.SYSTEM, TimelineAction.OPENED, "borger-dk DOWN");
        TimelineEntry acked = new TimelineEntry(n, t(60), ALICE, TimelineAction.ACKNOWLEDGED, "acknowledged");
        TimelineEntry denied = new TimelineEntry(n, t(60), Actor.operator("root"), TimelineAction.DENIED,
                "resolve needs lead");
        TimelineEntry worse = new TimelineEntry(n, t(30), Actor.SYSTEM, TimelineAction.WORSENED, "skat-dk DOWN");
        store.inTransaction(tx -> {
            tx.append(opened);
            tx.append(acked);
            tx.append(denied);
            tx.append(worse);
            return null;
        });
        assertThat(timeline(n)).containsExactly(opened, worse, acked, denied);
        assertThat(timeline(n + 1000)).isEmpty();
    }

    @Test
    void mutesAreStoredEndedAndListedWhileUnended() {
        long incident = insert(Fixtures.minimal(newNumber(), "target:a")).number();
        long m1 = store.inTransaction(IncidentTx::nextMuteNumber);
        long m2 = store.inTransaction(IncidentTx::nextMuteNumber);
        Mute byIncident = new Mute(m1, new MuteScope.OfIncident(incident), T0, t(3600), ALICE, "", null, null);
        Mute byTarget = new Mute(m2, new MuteScope.OfTarget("borger-dk"), t(1), t(7200),
                Actor.operator("root"), "planned maintenance", null, null);
        store.inTransaction(tx -> {
            tx.insert(byIncident);
            tx.insert(byTarget);
            return null;
        });
        assertThat(unendedMutes()).containsExactly(byIncident, byTarget);

        Mute ended = byIncident.end(t(120), ALICE);
        store.inTransaction(tx -> {
            tx.end(ended);
            return null;
        });
        assertThat(mute(m1)).contains(ended);
        assertThat(mute(m2)).contains(byTarget);
        assertThat(unendedMutes()).containsExactly(byTarget);
    }

    @Test
    void aLabelScopedMuteRoundTripsItsMatchers() {
        Matchers matchers = Matchers.parse("{sector=\"government\", org=~\"kk|aarhus\", country!=\"se\"}");
        Mute byLabels = new Mute(nextMuteNumber(), new MuteScope.OfLabels(matchers), T0, t(3600), ALICE,
                "DDoS campaign, we know", null, null);
        store.inTransaction(tx -> {
            tx.insert(byLabels);
            return null;
        });

        Mute stored = mute(byLabels.number()).orElseThrow();
        assertThat(stored).isEqualTo(byLabels);
        Matchers back = ((MuteScope.OfLabels) stored.scope()).matchers();
        assertThat(back.matches(Labels.of(Map.of("sector", "government", "org", "aarhus")))).isTrue();
        assertThat(back.matches(Labels.of(Map.of("sector", "government", "org", "odense")))).isFalse();
    }

    @Test
    void numbersAreNeverReusedEvenAfterARollback() {
        long first = newNumber();
        AtomicLong drawn = new AtomicLong();
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            drawn.set(tx.nextIncidentNumber());
            throw new IllegalStateException("work failed");
        })).isInstanceOf(IllegalStateException.class);
        long after = newNumber();
        assertThat(drawn.get()).isGreaterThan(first);
        assertThat(after).isGreaterThan(drawn.get());

        long mute = store.inTransaction(IncidentTx::nextMuteNumber);
        assertThat(nextMuteNumber()).isGreaterThan(mute);
    }

    @Test
    void anExceptionRollsBackEverythingAndIsRethrown() {
        long n = newNumber();
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.insert(Fixtures.full(n, "target:a"));
            tx.append(new TimelineEntry(n, T0, Actor.SYSTEM, TimelineAction.OPENED, "opened"));
            tx.enqueue(Fixtures.message(n, 1, "console", T0));
            tx.insert(new Mute(tx.nextMuteNumber(), new MuteScope.OfIncident(n), T0, t(60), ALICE, "", null, null));
            tx.saveTargetState("borger-dk", TargetState.DOWN, T0);
            throw boom;
        })).isSameAs(boom);

        store.inTransaction(tx -> {
            assertThat(tx.incident(n)).isEmpty();
            assertThat(tx.timeline(n)).isEmpty();
            assertThat(tx.unendedMutes()).isEmpty();
            assertThat(tx.targetStates()).isEmpty();
            return null;
        });
        assertThat(outbox.pending(10)).isEmpty();
    }

    @Test
    void aDatabaseErrorBecomesAStoreExceptionAndRollsBack() {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.saveTargetState("borger-dk", TargetState.DOWN, T0);
            tx.append(new TimelineEntry(424242, T0, Actor.SYSTEM, TimelineAction.OPENED, "no such incident"));
            return null;
        })).isInstanceOf(StoreException.class);
        assertThat(targetStates()).isEmpty();
    }

    @Test
    void enqueueIgnoresADuplicateKeyAndTheTransactionGoesOn() {
        long n = insert(Fixtures.minimal(newNumber(), "target:a")).number();
        store.inTransaction(tx -> {
            tx.enqueue(Fixtures.message(n, 1, "slack:C1", T0));
            tx.enqueue(Fixtures.message(n, 1, "slack:C1", t(5)));
            tx.saveTargetState("borger-dk", TargetState.DOWN, T0);
            return null;
        });
        store.inTransaction(tx -> {
            tx.enqueue(Fixtures.message(n, 1, "slack:C1", t(10)));
            return null;
        });
        assertThat(outbox.pending(10)).singleElement()
                .satisfies(p -> assertThat(p.message().createdAt()).isEqualTo(T0));
        assertThat(targetStates()).containsKey("borger-dk");
    }

    @Test
    void targetStatesAreSavedAndReplaced() {
        store.inTransaction(tx -> {
            tx.saveTargetState("borger-dk", TargetState.DOWN, T0);
            tx.saveTargetState("skat-dk", TargetState.DEGRADED, t(1));
            return null;
        });
        store.inTransaction(tx -> {
            tx.saveTargetState("borger-dk", TargetState.UP, t(90));
            return null;
        });
        assertThat(targetStates()).containsOnly(
                Map.entry("borger-dk", new IncidentTx.StoredTargetState(TargetState.UP, t(90))),
                Map.entry("skat-dk", new IncidentTx.StoredTargetState(TargetState.DEGRADED, t(1))));
    }

    @Test
    void aTransactionCannotBeUsedAfterItEnded() {
        AtomicReference<IncidentTx> leaked = new AtomicReference<>();
        store.inTransaction(tx -> {
            leaked.set(tx);
            return null;
        });
        assertThatThrownBy(() -> leaked.get().unresolved()).isInstanceOf(IllegalStateException.class);
    }
}
