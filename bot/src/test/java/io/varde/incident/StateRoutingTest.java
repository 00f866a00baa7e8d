package io.varde.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.TargetState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route can match on a target's state: a team sends MITIGATED sites to the CDN people. */
class StateRoutingTest {

    @Test
    void aRouteMatchingOnStateTakesOnlyThatState() {
        Route cdn = new Route("cdn", Matchers.parse("state=\"mitigated\""), Severity.WARNING,
                List.of("slack:#cdn"), null, List.of(), null);
        Labels site = Labels.of(Map.of("sector", "government"));

        assertThat(cdn.accepts(DetectionIntake.routing(site, TargetState.MITIGATED), Severity.WARNING)).isTrue();
        assertThat(cdn.accepts(DetectionIntake.routing(site, TargetState.PARTIAL), Severity.WARNING)).isFalse();
        assertThat(cdn.accepts(DetectionIntake.routing(site, TargetState.DOWN), Severity.CRITICAL)).isFalse();
        assertThat(DetectionIntake.routing(site, TargetState.PARTIAL).get("sector")).isEqualTo("government");
    }

    @Test
    void aTargetsOwnStateLabelWins() {
        Labels own = Labels.of(Map.of("state", "hovedstaden"));
        assertThat(DetectionIntake.routing(own, TargetState.DOWN).get("state")).isEqualTo("hovedstaden");
    }
}
