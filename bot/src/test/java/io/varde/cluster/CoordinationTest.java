package io.varde.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The election as nodes see it, over a lease store in memory whose clock the test moves: one
 * coordinator at a time, takeover when a lease runs out, fencing epochs, a clean hand-over, and
 * the duties kept through a database outage.
 */
class CoordinationTest {

    /** A lease table and node table in memory, on a clock the test sets, failing on demand. */
    static final class Store implements ClusterStore {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        boolean down;
        Lease lease;
        final Map<String, NodeRecord> nodes = new LinkedHashMap<>();

        private void up() {
            if (down) {
                throw new IllegalStateException("database down");
            }
        }

        // Coordination does not queue events, tighten or share checks: those parts of the port are the stores' tests'.
        @Override
        public void enqueueAll(String kind, java.util.List<String> bodies, String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void tighten(Tightening t) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void untighten(String targetId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<Tightening> tightenings() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CheckShards checkShards(long nowMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkOut(String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void heartbeat(String node, String version, Instant startedAt) {
            up();
            nodes.put(node, new NodeRecord(node, version, startedAt, now, null));
        }

        @Override
        public synchronized void forget(String node) {
            nodes.remove(node);
        }

        @Override
        public synchronized void stopped(String node) {
            up();
            NodeRecord n = nodes.get(node);
            nodes.put(node, new NodeRecord(node, n.version(), n.startedAt(), n.heartbeatAt(), now));
        }

        @Override
        public synchronized Lease claim(String node, Duration ttl) {
            up();
            if (lease == null || !lease.validAt(now)) {
                lease = new Lease(node, lease == null ? 1 : lease.epoch() + 1, now, now.plus(ttl));
            } else if (lease.heldBy(node)) {
                lease = new Lease(node, lease.epoch(), lease.since(), now.plus(ttl));
            }
            return lease;
        }

        @Override
        public synchronized void release(String node, long epoch) {
            up();
            if (lease != null && lease.heldBy(node) && lease.epoch() == epoch) {
                lease = new Lease(node, epoch, lease.since(), now);
            }
        }

        @Override
        public synchronized ClusterView view() {
            up();
            return new ClusterView(now, Optional.ofNullable(lease), List.copyOf(nodes.values()));
        }

        @Override
        public void enqueue(String kind, long ref, String body, String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<QueuedEvent> queued(int limit) {
            return List.of();
        }

        @Override
        public void dequeue(long seq) {
        }
    }

    private final Store store = new Store();
    private final List<String> log = new ArrayList<>();

    private Coordination node(String name) {
        return new Coordination(store, name, "1.0", store.now, epoch -> {
            log.add(name + " begins " + epoch);
            return () -> log.add(name + " ends " + epoch);
        });
    }

    private void pass(Duration d) {
        store.now = store.now.plus(d);
    }

    private long ms() {
        return store.now.toEpochMilli();
    }

    @Test
    void theFirstNodeCoordinatesAndTheOthersStandBy() {
        Coordination a = node("a");
        Coordination b = node("b");
        a.step(ms());
        b.step(ms());
        pass(Coordination.RENEW_EVERY);
        b.step(ms());
        a.step(ms());

        assertThat(log).containsExactly("a begins 1");
        assertThat(a.coordinating()).isTrue();
        assertThat(a.epoch()).isEqualTo(1);
        assertThat(b.coordinating()).isFalse();
        assertThat(b.epoch()).isEqualTo(-1);
    }

    @Test
    void aSilentCoordinatorIsReplacedWhenItsLeaseRunsOutAndStandsDownWhenItWakes() {
        Coordination a = node("a");
        Coordination b = node("b");
        a.step(ms());
        b.step(ms());
        // a stops stepping (killed, or paused): b takes over once a's lease has run out, not before.
        pass(Coordination.LEASE.minusSeconds(1));
        b.step(ms());
        assertThat(b.coordinating()).isFalse();
        pass(Coordination.RENEW_EVERY);
        b.step(ms());
        assertThat(b.coordinating()).as("expired, seen once: the holder may still come back").isFalse();
        pass(Coordination.RENEW_EVERY);
        b.step(ms());
        assertThat(b.coordinating()).as("seen expired on two steps in a row").isTrue();
        assertThat(b.epoch()).isEqualTo(2);

        // a wakes: its epoch is stale (its writes are fenced) and its next step ends its duties.
        a.step(ms());
        assertThat(a.coordinating()).isFalse();
        assertThat(a.epoch()).isEqualTo(-1);
        assertThat(log).containsExactly("a begins 1", "b begins 2", "a ends 1");
    }

    @Test
    void aCleanStopHandsTheLeaseOverAtTheNextStep() {
        Coordination a = node("a");
        Coordination b = node("b");
        a.step(ms());
        b.step(ms());
        a.close();
        pass(Duration.ofMillis(1));
        b.step(ms());

        assertThat(b.coordinating()).isTrue();
        assertThat(log).containsExactly("a begins 1", "a ends 1", "b begins 2");
        assertThat(NodeState.of(store.nodes.get("a"), store.now)).isEqualTo(NodeState.STOPPED);
    }

    @Test
    void theDutiesGoOnThroughADatabaseOutageAndUnderTheNextEpochWhenNobodyTookOver() {
        Coordination a = node("a");
        a.step(ms());
        store.down = true;
        pass(Duration.ofSeconds(30));
        assertThat(a.step(ms())).isEmpty();
        assertThat(a.coordinating()).as("checks go on while the database is away").isTrue();

        store.down = false;
        a.step(ms());
        assertThat(a.coordinating()).isTrue();
        assertThat(a.epoch()).as("the expired lease was taken back: a new epoch, nobody between").isEqualTo(2);
        assertThat(log).containsExactly("a begins 1");
    }

    @Test
    void afterADatabaseOutageTheCoordinatorThatKeptCheckingKeepsTheRole() {
        Coordination a = node("a");
        Coordination b = node("b");
        a.step(ms());
        b.step(ms());
        store.down = true;
        for (int i = 0; i < 30; i++) {
            pass(Coordination.RENEW_EVERY);
            b.step(ms());
            a.step(ms());
        }
        store.down = false;
        pass(Coordination.RENEW_EVERY);
        b.step(ms()); // the standby steps first after the outage: it has seen the lease expired once
        a.step(ms()); // the holder takes its own lease back at once
        pass(Coordination.RENEW_EVERY);
        b.step(ms());

        assertThat(a.coordinating()).isTrue();
        assertThat(b.coordinating()).isFalse();
        assertThat(log).containsExactly("a begins 1");
    }

    @Test
    void aNodeThatGetsTheLeaseBackAfterAnotherHeldItStartsAFreshTerm() {
        Coordination a = node("a");
        Coordination b = node("b");
        a.step(ms());
        pass(Coordination.LEASE.plusSeconds(1));
        b.step(ms());
        pass(Coordination.RENEW_EVERY);
        b.step(ms()); // b: epoch 2
        b.close(); // b hands over
        pass(Duration.ofMillis(1));
        a.step(ms()); // a: epoch 3, and b held epoch 2 in between

        assertThat(a.epoch()).isEqualTo(3);
        assertThat(log).containsExactly("a begins 1", "b begins 2", "b ends 2", "a ends 1", "a begins 3");
    }

    @Test
    void aLoneNodeRestartedUnderANewNameTakesTheDeadProcesssLeaseAtOnce() {
        Coordination before = node("host-100");
        before.step(ms());
        // SIGKILL, and the next process (a new pid, so a new name) starts a second later.
        pass(Duration.ofSeconds(1));
        Coordination after = new Coordination(store, "host-200", "1.0", store.now, epoch -> {
            log.add("host-200 begins " + epoch);
            return () -> { };
        }, true);
        after.step(ms());

        assertThat(after.coordinating()).as("embedded H2: nobody else can hold it").isTrue();
        assertThat(after.epoch()).isEqualTo(2);
        assertThat(node("other").step(ms())).hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("host-200"));
    }

    @Test
    void aProcessRestartedUnderItsOwnNameWithinTheLeaseStartsANewEpoch() {
        Coordination old = node("a");
        old.step(ms());
        pass(Coordination.RENEW_EVERY);
        old.step(ms()); // the old process renewed: epoch 1, since 10:00:00
        assertThat(old.epoch()).isEqualTo(1);
        pass(Duration.ofSeconds(1));
        Coordination restarted = node("a"); // SIGKILL, then the same VARDE_NODE_NAME again
        restarted.step(ms());

        assertThat(restarted.epoch()).as("the dead process's epoch is fenced off").isEqualTo(2);
        assertThat(store.lease.since()).isEqualTo(store.now);
    }

    @Test
    void aNodeIsLostAfterFiveMissedHeartbeats() {
        Coordination a = node("a");
        a.step(ms());
        NodeRecord n = store.nodes.get("a");
        assertThat(NodeState.of(n, store.now.plus(NodeState.LOST_AFTER))).isEqualTo(NodeState.LIVE);
        assertThat(NodeState.of(n, store.now.plus(NodeState.LOST_AFTER).plusMillis(1))).isEqualTo(NodeState.LOST);
    }
}
