package io.varde.store.jdbc;

import static io.varde.store.jdbc.Fixtures.ALICE;
import static io.varde.store.jdbc.Fixtures.T0;
import static io.varde.store.jdbc.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.check.Outcome;
import io.varde.detect.CheckHistory.Sample;
import io.varde.detect.TargetState;
import io.varde.incident.Actor;
import io.varde.incident.Incident;
import io.varde.incident.Mute;
import io.varde.incident.MuteScope;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 file database keeps everything across a close and reopen, and across a crash. */
class H2FileDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void everythingIsStillThereAfterCloseAndReopen() {
        Incident incident;
        Mute mute;
        long outboxId;
        AtomicLong rolledBack = new AtomicLong();
        try (Database db = Database.open(DbSettings.embedded(dataDir))) {
            JdbcIncidentStore store = new JdbcIncidentStore(db);
            incident = store.inTransaction(tx -> {
                Incident i = Fixtures.full(tx.nextIncidentNumber(), "group:sector=government");
                tx.insert(i);
                tx.append(new TimelineEntry(i.number(), T0, Actor.SYSTEM, TimelineAction.OPENED, "opened"));
                tx.enqueue(Fixtures.message(i.number(), 1, "slack:C1", T0));
                tx.saveTargetState("borger-dk", TargetState.DOWN, T0);
                return i;
            });
            mute = store.inTransaction(tx -> {
                Mute m = new Mute(tx.nextMuteNumber(), new MuteScope.OfTarget("borger-dk"), T0, t(3600),
                        ALICE, "maintenance", null, null);
                tx.insert(m);
                return m;
            });
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                rolledBack.set(tx.nextIncidentNumber());
                throw new IllegalStateException("abandoned");
            })).isInstanceOf(IllegalStateException.class);
            JdbcOutboxStore outbox = new JdbcOutboxStore(db);
            outboxId = outbox.pending(1).get(0).message().id();
            outbox.sent(outboxId, t(1), 1, "1700000000.000100");
            new JdbcCheckHistory(db).record(List.of(Fixtures.result("borger-dk", T0, Outcome.FAIL, 10_000)));
        }

        try (Database db = Database.open(DbSettings.embedded(dataDir))) {
            JdbcIncidentStore store = new JdbcIncidentStore(db);
            store.inTransaction(tx -> {
                assertThat(tx.incident(incident.number())).contains(incident);
                assertThat(tx.timeline(incident.number())).hasSize(1);
                assertThat(tx.mute(mute.number())).contains(mute);
                assertThat(tx.targetStates()).containsKey("borger-dk");
                assertThat(tx.nextIncidentNumber()).isGreaterThan(rolledBack.get());
                assertThat(tx.nextMuteNumber()).isGreaterThan(mute.number());
                return null;
            });
            JdbcOutboxStore outbox = new JdbcOutboxStore(db);
            assertThat(outbox.pending(10)).isEmpty();
            assertThat(outbox.messageRef(incident.number(), "slack:C1")).contains("1700000000.000100");
            assertThat(outbox.deliveryLog(outboxId)).hasSize(1);
            assertThat(new JdbcCheckHistory(db).samples("borger-dk", T0))
                    .containsExactly(new Sample(T0, Outcome.FAIL, 10_000));
        }
    }

    /**
     * A process that commits and then dies at once (no close, no shutdown hooks) loses nothing
     * it committed: the reason the embedded URL sets {@code WRITE_DELAY=0}.
     */
    @Test
    void aCommittedIncidentSurvivesTheProcessDyingRightAfterTheCommit() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                H2CrashingWriter.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the writer ends").isTrue();
        assertThat(child.exitValue()).as("the writer halts with 17 after its commit; output: %s", output)
                .isEqualTo(H2CrashingWriter.HALT_STATUS);

        long number = Long.parseLong(output.lines().filter(l -> l.startsWith("incident="))
                .findFirst().orElseThrow().substring("incident=".length()));
        try (Database db = Database.open(DbSettings.embedded(dataDir))) {
            Optional<Incident> stored = new JdbcIncidentStore(db).inTransaction(tx -> tx.incident(number));
            assertThat(stored).contains(Fixtures.minimal(number, "target:borger-dk"));
        }
    }
}
