package io.varde.incident;

import static io.varde.incident.IncidentFixture.BORGER;
import static io.varde.incident.IncidentFixture.TRM;
import static io.varde.incident.IncidentFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.TestTargets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A database outage loses no detection event: they wait, in order, until the store works again. */
class StoreOutageTest {

    private final MemoryIncidentStore memory = new MemoryIncidentStore();
    private boolean down;
    private final IncidentStore store = new IncidentStore() {
        @Override
        public <T> T inTransaction(Function<IncidentTx, T> work) {
            if (down) {
                throw new IllegalStateException("database unreachable");
            }
            return memory.inTransaction(work);
        }
    };
    private final IncidentService service = new IncidentService(store,
            IncidentFixture.config(List.of(), null), IncidentFixture.ALL, () -> { });

    private static DetectionEvent down(io.varde.check.Target t, String at) {
        return new StateChanged(at(at), t, TargetState.UP, TargetState.DOWN, null,
                TestTargets.fail(t.id(), at(at)));
    }

    @Test
    void eventsSeenWhileTheDatabaseIsDownAreAppliedInOrderOnceItIsBack() {
        down = true;
        assertThatThrownBy(() -> service.onEvents(List.of(down(BORGER, "0s")))).hasMessage("database unreachable");
        assertThatThrownBy(() -> service.onEvents(List.of(down(TRM, "5s")))).hasMessage("database unreachable");
        assertThat(service.waitingEvents()).isEqualTo(2);

        down = false;
        service.sweep(at("10s"));

        assertThat(service.waitingEvents()).isZero();
        assertThat(service.unresolved()).extracting(Incident::title)
                .containsExactly("borger.dk is DOWN", "www.trm.dk is DOWN");
        assertThat(service.incident(1).orElseThrow().openedAt()).isEqualTo(at("0s"));
    }

    @Test
    void beyondTheBoundTheOldestWaitingEventsAreDroppedAndCounted() {
        down = true;
        List<DetectionEvent> flood = new java.util.ArrayList<>();
        for (int i = 0; i < IncidentService.MAX_WAITING + 2; i++) {
            flood.add(down(i % 2 == 0 ? BORGER : TRM, i + "ms"));
        }
        assertThatThrownBy(() -> service.onEvents(flood)).hasMessage("database unreachable");

        assertThat(service.waitingEvents()).isEqualTo(IncidentService.MAX_WAITING);
        assertThat(service.droppedEvents()).isEqualTo(2);
    }
}
