package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckResult;
import io.varde.detect.CheckHistory;
import io.varde.detect.RecentChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 7-day uptime is read from the history once a minute, however many pages ask for it. */
class WebDataTest {

    private final List<Instant> reads = new ArrayList<>();
    private final CheckHistory history = new CheckHistory() {
        @Override
        public void record(List<CheckResult> results) {
        }

        @Override
        public List<Sample> samples(String targetId, Instant since) {
            return List.of();
        }

        @Override
        public Map<String, Uptime> uptime(Instant since) {
            reads.add(since);
            return Map.of("skat", new Uptime(10L * reads.size(), 9));
        }

        @Override
        public void prune(Instant rawBefore, Instant hourlyBefore) {
        }
    };
    private final WebData data = WebData.of(now -> List.of(), history, new RecentChecks(), null, null, Set::of);

    @Test
    void requestsOfOneMinuteShareOneReadFromTheStartOfTheMinute() {
        Instant t = Instant.parse("2026-11-26T09:00:12Z");

        assertThat(data.uptime(t).get("skat").checks()).isEqualTo(10);
        assertThat(data.uptime(t.plusSeconds(40)).get("skat").checks()).as("the same minute").isEqualTo(10);
        assertThat(reads).containsExactly(Instant.parse("2026-11-26T09:00:00Z"));

        assertThat(data.uptime(t.plusSeconds(50)).get("skat").checks()).as("the next minute: read again")
                .isEqualTo(20);
        assertThat(reads).containsExactly(Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T09:01:00Z"));
    }
}
