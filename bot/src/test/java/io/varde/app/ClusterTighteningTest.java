package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.check.Tightened;
import io.varde.cluster.Tightening;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's tightening of an attacked target travels to the node that checks it as a
 * row ({@code check_tightening}); the node builds the same checks from it.
 */
class ClusterTighteningTest {

    private final Target site = TestTargets.http("borger-dk");

    @Test
    void aTightenedRotationBecomesARowFromWhichTheOwnerBuildsTheSameChecks() {
        List<Target> rotation = Tightened.rotation(Tightened.target(site, Duration.ofSeconds(10), 1),
                List.of("/login", "/search?q=$_1"));

        Tightening row = ClusterChecks.tightening(rotation);

        assertThat(row).isEqualTo(new Tightening("borger-dk", Duration.ofSeconds(10), 1,
                List.of("/login", "/search?q=varde")));
        List<Target> rebuilt = Tightened.rotation(Tightened.target(site, row.interval(), row.failureThreshold()),
                row.paths());
        assertThat(rebuilt).isEqualTo(rotation);
        assertThat(rebuilt).extracting(t -> ((HttpSpec) t.probe()).url().getPath())
                .containsExactly(((HttpSpec) site.probe()).url().getPath(), "/login", "/search");
    }

    @Test
    void theUntightenedTargetIsItsOwnCheckWithoutPaths() {
        Tightening row = ClusterChecks.tightening(List.of(site));
        assertThat(row.paths()).isEmpty();
        assertThat(row.interval()).isEqualTo(site.interval());
    }
}
