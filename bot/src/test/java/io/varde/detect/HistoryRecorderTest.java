package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.check.CheckResult;
import io.varde.testing.TestTargets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

    /** Records what it is given; fails while {@code down}. */
    private static final class FakeHistory implements CheckHistory {
        final List<List<CheckResult>> batches = new ArrayList<>();
        final List<Instant> prunedRawBefore = new ArrayList<>();
        boolean down;

        @Override
        public void record(List<CheckResult> results) {
            if (down) {
                throw new IllegalStateException("database unreachable");
            }
            batches.add(List.copyOf(results));
        }

        @Override
        public List<Sample> samples(String targetId, Instant since) {
            return List.of();
        }

        @Override
        public Map<String, Uptime> uptime(Instant since) {
            return Map.of();
        }

        @Override
        public void prune(Instant rawBefore, Instant hourlyBefore) {
            prunedRawBefore.add(rawBefore);
        }
    }

    private final FakeHistory history = new FakeHistory();
    private final HistoryRecorder recorder = new HistoryRecorder(history);

    @Test
    void resultsAreStoredInOneBatchEveryTenSecondsAndPrunedHourly() {
        recorder.add(TestTargets.ok("a", T0, 10));
        assertThat(recorder.flushIfDue(T0)).isEqualTo(1);
        recorder.add(TestTargets.ok("a", T0.plusSeconds(3), 10));
        recorder.add(TestTargets.fail("b", T0.plusSeconds(4)));

        assertThat(recorder.flushIfDue(T0.plusSeconds(9))).isZero();
        assertThat(recorder.flushIfDue(T0.plusSeconds(10))).isEqualTo(2);
        assertThat(history.batches).extracting(List::size).containsExactly(1, 2);
        assertThat(history.prunedRawBefore).containsExactly(T0.minus(HistoryRecorder.RAW_RETENTION));

        recorder.flushIfDue(T0.plusSeconds(3600));
        assertThat(history.prunedRawBefore).hasSize(2);
    }

    @Test
    void aFailedBatchIsKeptForTheNextFlush() {
        recorder.add(TestTargets.ok("a", T0, 10));
        history.down = true;
        assertThatThrownBy(() -> recorder.flush(T0)).hasMessage("database unreachable");

        history.down = false;
        assertThat(recorder.flush(T0.plusSeconds(10))).isEqualTo(1);
    }

    @Test
    void whileTheDatabaseIsAwayTheNewestResultsWaitWithinTheBoundAndTheOldestAreDroppedAndCounted() {
        HistoryRecorder bounded = new HistoryRecorder(history, 3);
        history.down = true;
        for (int i = 0; i < 5; i++) {
            bounded.add(TestTargets.result('O', "site", T0.plusSeconds(i)));
            int second = i;
            assertThatThrownBy(() -> bounded.flush(T0.plusSeconds(second))).hasMessageContaining("unreachable");
        }
        assertThat(bounded.dropped()).isEqualTo(2);

        history.down = false;
        bounded.flush(T0.plusSeconds(10));
        assertThat(history.batches).singleElement().satisfies(b -> assertThat(b).extracting(CheckResult::at)
                .containsExactlyInAnyOrder(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4)));
        assertThat(bounded.dropped()).isEqualTo(2);
    }
}
