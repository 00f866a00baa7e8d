package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Outcome;
import io.varde.detect.CheckHistory;
import io.varde.testing.TestTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sparklines come from the stored history after a start, then from memory once enough checks ran. */
class SparklineTest {

    final ApiFixture fixture = new ApiFixture();

    @Test
    void theStoredHistoryUntilThirtyChecksRan_thenTheLastThirtyFromMemory() {
        List<CheckHistory.Sample> stored = fixture.data.spark(ApiFixture.TRM, 30, ApiFixture.NOW);
        assertThat(stored).as("the fixture's stored samples").isNotEmpty()
                .isEqualTo(fixture.samples.get("trm").subList(
                        Math.max(0, fixture.samples.get("trm").size() - 30), fixture.samples.get("trm").size()));

        for (int i = 0; i < 35; i++) {
            fixture.recent.add(i % 10 == 9
                    ? TestTargets.fail("trm", ApiFixture.NOW.minusSeconds(35 - i))
                    : TestTargets.ok("trm", ApiFixture.NOW.minusSeconds(35 - i), 100 + i));
        }
        List<CheckHistory.Sample> kept = fixture.data.spark(ApiFixture.TRM, 30, ApiFixture.NOW);
        assertThat(kept).hasSize(30);
        assertThat(kept.get(0).responseMillis()).as("the oldest of the last 30 is check 5").isEqualTo(105);
        assertThat(kept.get(4).outcome()).as("check 9 failed").isEqualTo(Outcome.FAIL);
        assertThat(kept.get(24).outcome()).as("check 29 failed").isEqualTo(Outcome.FAIL);
        assertThat(kept.get(29).responseMillis()).as("the newest is check 34").isEqualTo(134);
        assertThat(kept.get(28).responseMillis()).isEqualTo(133);
    }
}
