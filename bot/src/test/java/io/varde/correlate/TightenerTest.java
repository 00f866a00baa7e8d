package io.varde.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckPlanner;
import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.intel.ClaimMatch;
import io.varde.intel.Match;
import io.varde.intel.TaskedTarget;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A tasked target is checked tighter, its attacked paths in turn, until no list tasks it. */
class TightenerTest {

    static final Instant T = Instant.parse("2025-11-13T08:00:00Z");
    static final Target TRM = new Target("trm-dk", "trm-dk", HttpSpec.get(URI.create("https://www.trm.dk/")),
            Duration.ofSeconds(60), Duration.ofSeconds(10), DetectionSettings.DEFAULTS,
            Labels.of(Map.of("sector", "government")), List.of(), List.of(), false);

    final List<List<Target>> used = new ArrayList<>();
    final Tightener tightener = new Tightener(List.of(TRM), used::add);

    static Finding.Tasked tasked(String source, Rule.Tightening tighten, String... paths) {
        return new Finding.Tasked(T, "tasked", source, List.of(new TaskedTarget("trm-dk",
                new ClaimMatch("trm-dk", "www.trm.dk", Match.Reason.HOST, "same host"), Set.of(paths))), tighten,
                Severity.INFO);
    }

    @Test
    void whileTaskedTheIntervalAndThresholdTightenAndEachAttackedPathIsCheckedInTurn() {
        tightener.apply(List.of(tasked("ddosia", new Rule.Tightening(Duration.ofSeconds(15), 2, true),
                "", "/search?q=$_1&p=$_2", "/nyheder")));
        List<Target> rotation = used.get(0);
        assertThat(rotation.get(0).interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(rotation.get(0).detection().failureThreshold()).isEqualTo(2);
        assertThat(rotation).extracting(t -> ((HttpSpec) t.probe()).url().toString()).containsExactly(
                "https://www.trm.dk/", "https://www.trm.dk/nyheder", "https://www.trm.dk/search?q=varde&p=varde");
        assertThat(rotation).allSatisfy(t -> assertThat(t.id()).isEqualTo("trm-dk"));
        assertThat(tightener.tightened()).containsExactly("trm-dk");

        CheckPlanner planner = new CheckPlanner(List.of(TRM), 1, T, new SplittableRandom(1));
        planner.retarget(rotation, T);
        List<String> probed = new ArrayList<>();
        for (int s = 0; s <= 60; s++) {
            for (Target t : planner.takeDue(0, T.plusSeconds(s))) {
                probed.add(((HttpSpec) t.probe()).url().getPath());
                planner.done(t.id());
            }
        }
        assertThat(probed).hasSizeGreaterThanOrEqualTo(4).startsWith("/", "/nyheder", "/search", "/");
    }

    @Test
    void aLooserProfileNeverLoosensTheTargetsOwnSettings_andPathsStayOffWhenTheRuleSaysSo() {
        tightener.apply(List.of(tasked("ddosia", new Rule.Tightening(Duration.ofMinutes(5), 9, false), "/search")));
        assertThat(used.get(0)).singleElement().satisfies(t -> {
            assertThat(t.interval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(t.detection().failureThreshold()).isEqualTo(DetectionSettings.DEFAULTS.failureThreshold());
        });
    }

    @Test
    void untaskedByEveryListTheTargetIsCheckedAsConfiguredAgain() {
        Rule.Tightening tight = new Rule.Tightening(Duration.ofSeconds(15), 2, true);
        tightener.apply(List.of(tasked("a", tight, "/x"), tasked("b", tight, "/y")));
        tightener.apply(List.of(new Finding.Untasked(T, "tasked", "a", List.of("trm-dk"))));
        assertThat(used.get(used.size() - 1)).hasSize(2).last()
                .satisfies(t -> assertThat(((HttpSpec) t.probe()).url().getPath()).isEqualTo("/y"));
        tightener.apply(List.of(new Finding.Untasked(T, "tasked", "b", List.of("trm-dk"))));
        assertThat(used.get(used.size() - 1)).containsExactly(TRM);
        assertThat(tightener.tightened()).isEmpty();
    }
}
