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

/** While the database is away, check results wait in memory up to a bound; the oldest beyond it are dropped and counted. */
class HistoryRecorderBoundTest {

    private boolean down = true;
    private final List<CheckResult> stored = new ArrayList<>();
    private final CheckHistory history = new CheckHistory() {
        @Override
        public void record(List<CheckResult> results) {
            if (down) {
                throw new IllegalStateException("database down");
            }
            stored.addAll(results);
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
        }
    };

    @Test
    void theNewestResultsWaitWithinTheBoundAndAreStoredWhenTheDatabaseReturns() {
        HistoryRecorder recorder = new HistoryRecorder(history, 3);
        for (int i = 0; i < 5; i++) {
            recorder.add(TestTargets.result('O', "site", T0.plusSeconds(i)));
            int second = i;
            assertThatThrownBy(() -> recorder.flush(T0.plusSeconds(second))).hasMessageContaining("down");
        }
        assertThat(recorder.dropped()).isEqualTo(2);

        down = false;
        recorder.flush(T0.plusSeconds(10));
        assertThat(stored).extracting(CheckResult::at)
                .containsExactlyInAnyOrder(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(recorder.dropped()).isEqualTo(2);
    }
}
