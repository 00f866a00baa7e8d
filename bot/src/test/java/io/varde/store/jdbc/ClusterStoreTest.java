package io.varde.store.jdbc;

import static io.varde.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.varde.cluster.ClusterView;
import io.varde.cluster.Lease;
import io.varde.cluster.NodeRecord;
import io.varde.cluster.CheckShards;
import io.varde.cluster.QueuedEvent;
import io.varde.cluster.Tightening;
import io.varde.incident.Incident;
import io.varde.incident.IncidentTx;
import io.varde.notify.OutboxStore.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcClusterStore} must do, and how its fence holds the coordinator's stores, on H2 and PostgreSQL. */
class ClusterStoreTest extends OnBothDatabases {

    static final Duration TTL = Duration.ofSeconds(30);

    JdbcClusterStore store;

    @BeforeEach
    void emptyDatabase() {
        TestDatabases.clean(db());
        store = new JdbcClusterStore(db());
    }

    Lease stored() {
        return store.view().coordinator().orElseThrow();
    }

    /** Moves the lease's end an hour into the past, as if its holder had stopped renewing it. */
    void expire() throws SQLException {
        sql("UPDATE cluster_lease SET expires_at = ?", Instant.now().minus(Duration.ofHours(1)));
    }

    void sql(String update, Instant at) throws SQLException {
        try (Connection c = db().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(update)) {
            Jdbc.setTime(ps, 1, at);
            ps.executeUpdate();
        }
    }

    long count(String table) {
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // The lease.

    @Test
    void theFirstClaimTakesTheLeaseInEpochOneOnTheDatabaseClock() {
        assertThat(store.view().coordinator()).isEmpty();

        Lease lease = store.claim("n1", TTL);

        ClusterView view = store.view();
        assertThat(lease.holder()).isEqualTo("n1");
        assertThat(lease.epoch()).isEqualTo(1);
        assertThat(lease.expiresAt()).isEqualTo(lease.since().plus(TTL));
        assertThat(lease.since()).isBeforeOrEqualTo(view.now()).isCloseTo(view.now(), within(5, ChronoUnit.SECONDS));
        assertThat(view.coordinator()).contains(lease);
        assertThat(lease.validAt(view.now())).isTrue();
    }

    @Test
    void anotherNodeClaimingAValidLeaseGetsTheHoldersLeaseAndChangesNothing() {
        Lease first = store.claim("n1", TTL);

        assertThat(store.claim("n2", Duration.ofHours(1))).isEqualTo(first);
        assertThat(stored()).isEqualTo(first);
    }

    @Test
    void aRenewalKeepsEpochAndSinceAndMovesTheExpiry() throws InterruptedException {
        Lease first = store.claim("n1", TTL);
        Thread.sleep(20);

        Lease renewed = store.claim("n1", TTL);

        assertThat(renewed.holder()).isEqualTo("n1");
        assertThat(renewed.epoch()).isEqualTo(first.epoch());
        assertThat(renewed.since()).isEqualTo(first.since());
        assertThat(renewed.expiresAt()).isAfter(first.expiresAt());
        assertThat(stored()).isEqualTo(renewed);
    }

    @Test
    void anExpiredLeaseGoesToTheNextClaimerInTheNextEpoch() throws SQLException {
        Lease first = store.claim("n1", TTL);
        expire();

        Lease taken = store.claim("n2", TTL);

        assertThat(taken.holder()).isEqualTo("n2");
        assertThat(taken.epoch()).isEqualTo(first.epoch() + 1);
        assertThat(taken.since()).isAfterOrEqualTo(first.since());
        assertThat(taken.expiresAt()).isEqualTo(taken.since().plus(TTL));
        assertThat(store.claim("n1", TTL)).as("n1 comes back: n2 holds it now").isEqualTo(taken);
    }

    @Test
    void aLeaseExpiresByTheDatabaseClockAndItsOwnHolderStartsANewTerm() throws InterruptedException {
        Lease first = store.claim("n1", Duration.ofMillis(300));
        assertThat(store.claim("n2", TTL)).as("still valid").isEqualTo(first);
        Thread.sleep(400);

        Lease again = store.claim("n1", TTL);

        assertThat(again.holder()).isEqualTo("n1");
        assertThat(again.epoch()).as("a new term, not a renewal").isEqualTo(first.epoch() + 1);
        assertThat(again.since()).isAfter(first.expiresAt());
    }

    @Test
    void aReleaseLetsTheNextClaimTakeTheLeaseAtOnce() {
        Lease first = store.claim("n1", TTL);
        store.release("n1", first.epoch() + 1);
        store.release("n2", first.epoch());
        assertThat(stored()).as("neither the wrong epoch nor another node releases it").isEqualTo(first);

        store.release("n1", first.epoch());

        ClusterView view = store.view();
        assertThat(view.coordinator().orElseThrow().validAt(view.now())).isFalse();
        Lease taken = store.claim("n2", TTL);
        assertThat(taken.holder()).isEqualTo("n2");
        assertThat(taken.epoch()).isEqualTo(2);
    }

    /**
     * Two nodes claim at the same moment, round after round, with no lease yet (both insert) and
     * with an expired one (both update): both must get the same lease back, held by one of them.
     */
    @Test
    void ofTwoNodesClaimingAtOnceExactlyOneHoldsTheLease() throws Exception {
        long epoch = 0;
        for (int round = 0; round < 30; round++) {
            if (round % 2 == 0) {
                TestDatabases.clean(db());
                epoch = 0;
            } else {
                expire();
            }
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Lease> a = CompletableFuture.supplyAsync(() -> claimAfter(start, "a"));
            CompletableFuture<Lease> b = CompletableFuture.supplyAsync(() -> claimAfter(start, "b"));
            Lease la = a.get(30, TimeUnit.SECONDS);
            Lease lb = b.get(30, TimeUnit.SECONDS);

            assertThat(la).as("round %d", round).isEqualTo(lb).isEqualTo(stored());
            assertThat(la.holder()).isIn("a", "b");
            assertThat(la.epoch()).isEqualTo(epoch + 1);
            epoch = la.epoch();
        }
    }

    Lease claimAfter(CyclicBarrier start, String node) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return store.claim(node, TTL);
    }

    // The fence.

    @Test
    void storesFencedWithTheCurrentTermWork() {
        Lease lease = store.claim("n1", TTL);
        Fence fence = store.fence("n1", lease.epoch());
        JdbcIncidentStore incidents = new JdbcIncidentStore(db(), fence);
        JdbcOutboxStore outbox = new JdbcOutboxStore(db(), fence);

        long n = incidents.inTransaction(tx -> {
            long number = tx.nextIncidentNumber();
            tx.insert(Fixtures.minimal(number, "target:borger-dk"));
            tx.enqueue(Fixtures.message(number, 1, "console", T0));
            return number;
        });

        List<Pending> pending = outbox.pending(10);
        assertThat(pending).hasSize(1);
        outbox.sent(pending.get(0).message().id(), T0, 1, "console:INC-" + n);
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void afterATakeoverTheOldTermsStoresAreFencedOffAndWriteNothing() throws SQLException {
        Lease old = store.claim("n1", TTL);
        Fence fence = store.fence("n1", old.epoch());
        JdbcIncidentStore incidents = new JdbcIncidentStore(db(), fence);
        JdbcOutboxStore outbox = new JdbcOutboxStore(db(), fence);
        long n = incidents.inTransaction(tx -> {
            long number = tx.nextIncidentNumber();
            tx.insert(Fixtures.minimal(number, "target:borger-dk"));
            tx.enqueue(Fixtures.message(number, 1, "console", T0));
            return number;
        });
        long message = outbox.pending(10).get(0).message().id();
        expire();
        assertThat(store.claim("n2", TTL).epoch()).isEqualTo(old.epoch() + 1);

        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> incidents.inTransaction(tx -> {
            ran.set(true);
            tx.insert(Fixtures.minimal(tx.nextIncidentNumber(), "target:skat-dk"));
            return null;
        })).isInstanceOf(FencedOff.class).hasMessage("node n1 no longer coordinates (epoch 1)");
        assertThat(ran).as("the work never ran").isFalse();
        assertThatThrownBy(() -> outbox.sent(message, T0, 1, "console:INC-" + n)).isInstanceOf(FencedOff.class);
        assertThatThrownBy(() -> outbox.pending(10)).isInstanceOf(FencedOff.class);

        assertThat(count("incidents")).isEqualTo(1);
        assertThat(new JdbcOutboxStore(db()).pending(10)).extracting(p -> p.message().id()).containsExactly(message);
        assertThat(new JdbcIncidentStore(db(), store.fence("n2", old.epoch() + 1))
                .inTransaction(IncidentTx::unresolved)).hasSize(1);
    }

    @Test
    void aLeaseThatExpiredWithoutATakeoverFencesItsStoresOffToo() throws SQLException {
        Lease lease = store.claim("n1", TTL);
        JdbcIncidentStore incidents = new JdbcIncidentStore(db(), store.fence("n1", lease.epoch()));
        expire();

        assertThatThrownBy(() -> incidents.inTransaction(IncidentTx::nextIncidentNumber))
                .isInstanceOf(FencedOff.class);
        TestDatabases.clean(db());
        assertThatThrownBy(() -> incidents.inTransaction(IncidentTx::nextIncidentNumber))
                .as("no lease at all").isInstanceOf(FencedOff.class);
    }

    /**
     * The deposed coordinator's transaction that checked its fence before the lease expired holds
     * the lease row: the takeover waits for it, so its writes land before the new term begins.
     */
    @Test
    void onPostgresATakeoverWaitsForAnOpenFencedTransactionWhichCommitsFirst() throws Exception {
        assumeTrue(db().postgres(), "H2 is a single node: its fence takes no lock");
        Lease old = store.claim("n1", Duration.ofMillis(500));
        JdbcIncidentStore incidents = new JdbcIncidentStore(db(), store.fence("n1", old.epoch()));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Long> fenced = CompletableFuture.supplyAsync(() -> incidents.inTransaction(tx -> {
            long number = tx.nextIncidentNumber();
            tx.insert(Fixtures.minimal(number, "target:borger-dk"));
            inside.countDown();
            await(go);
            return number;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        while (old.validAt(store.view().now())) {
            Thread.sleep(50);
        }

        CompletableFuture<Lease> takeover = TestDatabases.startAndAwaitLockWait(db(), () -> store.claim("n2", TTL));
        assertThat(takeover).as("the takeover waits for the fenced transaction").isNotDone();
        go.countDown();

        long number = fenced.get(30, TimeUnit.SECONDS);
        Lease taken = takeover.get(30, TimeUnit.SECONDS);
        assertThat(taken.holder()).isEqualTo("n2");
        assertThat(taken.epoch()).isEqualTo(old.epoch() + 1);
        Optional<Incident> written = new JdbcIncidentStore(db()).inTransaction(tx -> tx.incident(number));
        assertThat(written).as("the fenced transaction committed").isPresent();
        assertThatThrownBy(() -> incidents.inTransaction(IncidentTx::nextIncidentNumber))
                .isInstanceOf(FencedOff.class);
    }

    /** A fenced transaction that meets a takeover in progress waits for it, then is fenced off. */
    @Test
    void onPostgresAFencedTransactionWaitsForATakeoverInProgressAndIsFencedOff() throws Exception {
        assumeTrue(db().postgres(), "H2 is a single node: its fence takes no lock");
        Lease old = store.claim("n1", TTL);
        JdbcIncidentStore incidents = new JdbcIncidentStore(db(), store.fence("n1", old.epoch()));
        CompletableFuture<Long> fenced;
        try (Connection takeover = db().dataSource().getConnection()) {
            takeover.setAutoCommit(false);
            try (Statement s = takeover.createStatement()) {
                s.executeUpdate("UPDATE cluster_lease SET holder = 'n2', epoch = epoch + 1");
            }
            fenced = TestDatabases.startAndAwaitLockWait(db(), () -> incidents.inTransaction(tx -> {
                long number = tx.nextIncidentNumber();
                tx.insert(Fixtures.minimal(number, "target:borger-dk"));
                return number;
            }));
            assertThat(fenced).isNotDone();
            takeover.commit();
        }
        CompletableFuture<Long> outcome = fenced;
        assertThatThrownBy(() -> outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(FencedOff.class);
        assertThat(count("incidents")).isZero();
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Nodes.

    @Test
    void aForgottenNodeLeavesTheTableAndComesBackWithItsNextHeartbeat() {
        store.heartbeat("n1", "1.0.0", Fixtures.t(-60));
        store.heartbeat("n2", "1.0.0", Fixtures.t(-60));
        store.forget("n2");
        store.forget("n3");
        assertThat(store.view().nodes()).extracting(NodeRecord::name).containsExactly("n1");
        store.heartbeat("n2", "1.0.0", Fixtures.t(0));
        assertThat(store.view().nodes()).extracting(NodeRecord::name).containsExactly("n1", "n2");
    }

    @Test
    void aHeartbeatRecordsTheNodeOnTheDatabaseClockAndAStopIsKept() throws InterruptedException {
        Instant started = Fixtures.t(-60);
        store.heartbeat("n2", "0.9.0", started);
        store.heartbeat("n1", "1.0.0", started);

        ClusterView view = store.view();
        assertThat(view.nodes()).extracting(NodeRecord::name).containsExactly("n1", "n2");
        NodeRecord n1 = view.nodes().get(0);
        assertThat(n1.version()).isEqualTo("1.0.0");
        assertThat(n1.startedAt()).isEqualTo(started);
        assertThat(n1.heartbeatAt()).isBeforeOrEqualTo(view.now()).isCloseTo(view.now(), within(5, ChronoUnit.SECONDS));
        assertThat(n1.stoppedAt()).isNull();

        store.stopped("n1");
        NodeRecord stopped = store.view().nodes().get(0);
        assertThat(stopped.stoppedAt()).isAfterOrEqualTo(n1.heartbeatAt());
        assertThat(stopped.heartbeatAt()).isEqualTo(n1.heartbeatAt());

        Thread.sleep(20);
        Instant restarted = Fixtures.t(0);
        store.heartbeat("n1", "1.1.0", restarted);
        NodeRecord again = store.view().nodes().get(0);
        assertThat(again).extracting(NodeRecord::version, NodeRecord::startedAt, NodeRecord::stoppedAt)
                .containsExactly("1.1.0", restarted, null);
        assertThat(again.heartbeatAt()).isAfter(n1.heartbeatAt());
        assertThat(store.view().nodes()).hasSize(2);
    }

    // The queue.

    @Test
    void theQueueGivesEventsOldestFirstWithinTheLimitUntilDequeued() {
        store.enqueue("claim", 17, null, "n2");
        store.enqueue("claim", 18, "{\"source\":\"webhook\"}", "n3");
        store.enqueue("tasklist", 4, "{}", "n2");

        List<QueuedEvent> all = store.queued(10);
        Instant now = store.view().now();
        assertThat(all).extracting(QueuedEvent::kind, QueuedEvent::ref, QueuedEvent::body, QueuedEvent::node)
                .containsExactly(tuple("claim", 17L, null, "n2"),
                        tuple("claim", 18L, "{\"source\":\"webhook\"}", "n3"),
                        tuple("tasklist", 4L, "{}", "n2"));
        assertThat(all.get(0).seq()).isLessThan(all.get(1).seq());
        assertThat(all.get(1).seq()).isLessThan(all.get(2).seq());
        assertThat(all.get(0).at()).isBeforeOrEqualTo(now).isCloseTo(now, within(5, ChronoUnit.SECONDS));
        assertThat(store.queued(2)).containsExactly(all.get(0), all.get(1));

        store.dequeue(all.get(0).seq());
        store.dequeue(all.get(0).seq());
        assertThat(store.queued(2)).containsExactly(all.get(1), all.get(2));
        store.dequeue(all.get(2).seq());
        assertThat(store.queued(10)).containsExactly(all.get(1));
    }

    @Test
    void eventsEnqueuedTogetherKeepTheirOrderAndNodeAndNothingIsWrittenForNone() {
        store.enqueue("claim", 3, null, "n1");
        store.enqueueAll("detect", List.of(), "n2");
        store.enqueueAll("detect", List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), "n2");

        assertThat(store.queued(10)).extracting(QueuedEvent::kind, QueuedEvent::ref, QueuedEvent::body, QueuedEvent::node)
                .containsExactly(tuple("claim", 3L, null, "n1"),
                        tuple("detect", 0L, "{\"a\":1}", "n2"),
                        tuple("detect", 0L, "{\"a\":2}", "n2"),
                        tuple("detect", 0L, "{\"a\":3}", "n2"));
    }

    // The shared checks (PostgreSQL: Quartz's tables and check_tightening, V9).

    @Test
    void onPostgresATighteningIsStoredReplacedAndRemoved() {
        assumeTrue(db().postgres(), "H2 is a single node: its coordinator tightens its own planner");
        assertThat(store.tightenings()).isEmpty();
        store.tighten(new Tightening("borger-dk", Duration.ofSeconds(10), 2, List.of("/login", "/search?q=varde")));
        store.tighten(new Tightening("skat-dk", Duration.ofSeconds(15), 1, List.of()));
        store.tighten(new Tightening("borger-dk", Duration.ofSeconds(5), 1, List.of("/login")));
        store.untighten("nobody");

        assertThat(store.tightenings()).containsExactly(
                new Tightening("borger-dk", Duration.ofSeconds(5), 1, List.of("/login")),
                new Tightening("skat-dk", Duration.ofSeconds(15), 1, List.of()));
        store.untighten("borger-dk");
        assertThat(store.tightenings()).extracting(Tightening::targetId).containsExactly("skat-dk");
    }

    @Test
    void onPostgresShardsAreReadFromQuartzsTablesAndACheckedOutNodeIsGone() throws SQLException {
        assumeTrue(db().postgres(), "H2 is a single node: it checks every target");
        long now = System.currentTimeMillis();
        checkIn("n1", now - 1_000);
        checkIn("n2", now - 8_000); // 2 s interval + 7.5 s: still live
        checkIn("n3", now - 10_000); // missed: Quartz recovers it
        running("n1", 4);
        running("n1", 0);
        running("n2", 1);
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, "
                    + "instance_name, fired_time, sched_time, priority, state, job_name, job_group) VALUES "
                    + "('varde-checks', 'acquired-n2', 'shard-2', 'checks', 'n2', 0, 0, 5, 'ACQUIRED', 'shard-2', 'checks')");
        }

        CheckShards read = store.checkShards(now);
        assertThat(read.live()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(read.of("n1")).containsExactly(0, 4);
        assertThat(read.of("n2")).as("an acquired firing is not run yet").containsExactly(1);
        ClusterView view = store.view();
        assertThat(view.sharded()).isTrue();
        assertThat(view.shardsOf("n1")).containsExactly(0, 4);
        assertThat(view.shardsOf("n3")).isEmpty();

        store.checkOut("n1");
        assertThat(store.checkShards(now).live()).containsExactly("n2");
    }

    @Test
    void onH2TheViewHasNoShards() {
        assumeTrue(!db().postgres(), "PostgreSQL shares the checks");
        store.heartbeat("n1", "1.0.0", Fixtures.t(0));
        assertThat(store.view().sharded()).isFalse();
        assertThat(store.view().shards()).isEmpty();
    }

    private void checkIn(String node, long at) throws SQLException {
        try (Connection c = db().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval) "
                        + "VALUES ('varde-checks', ?, ?, 2000)")) {
            ps.setString(1, node);
            ps.setLong(2, at);
            ps.executeUpdate();
        }
    }

    private void running(String node, int shard) throws SQLException {
        try (Connection c = db().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, "
                        + "fired_time, sched_time, priority, state, job_name, job_group) "
                        + "VALUES ('varde-checks', ?, ?, 'checks', ?, 0, 0, 5, 'EXECUTING', ?, 'checks')")) {
            ps.setString(1, node + "-" + shard);
            ps.setString(2, "shard-" + shard);
            ps.setString(3, node);
            ps.setString(4, "shard-" + shard);
            ps.executeUpdate();
        }
    }
}
