package io.varde.incident;

import static io.varde.incident.IncidentFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Severity;
import org.junit.jupiter.api.Test;

/** A lost node of the cluster, as the team hears of it: one info notice, resolved when the node is back. */
class ClusterNoticesTest {

    private final IncidentFixture f = new IncidentFixture();

    @Test
    void aLostNodeIsOneInfoNoticeOnTheDefaultRouteResolvedWhenItIsBack() {
        f.service.nodeLost("varde-b", at("0s"), at("12s"));
        f.service.nodeLost("varde-b", at("0s"), at("17s")); // seen again by the next watch: nothing new

        assertThat(f.service.unresolved()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncidentKind.NODE_LOST);
            assertThat(i.severity()).isEqualTo(Severity.INFO);
            assertThat(i.title()).isEqualTo("Cluster node varde-b lost");
            assertThat(i.targets()).isEmpty();
            assertThat(i.route()).isEqualTo("default");
        });
        assertThat(f.service.nodesNoticedLost()).containsExactly("varde-b");
        assertThat(f.store.outbox()).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("console");
            assertThat(m.card().title()).isEqualTo("Cluster node varde-b lost");
            assertThat(m.card().fields()).extracting(io.varde.core.Card.Field::name).doesNotContain("Targets");
            assertThat(m.card().lines()).anyMatch(l -> l.contains("no heartbeat from node varde-b since"));
        });

        f.service.nodeBack("varde-b", "is back", at("40s"));
        assertThat(f.service.unresolved()).isEmpty();
        assertThat(f.service.nodesNoticedLost()).isEmpty();
        assertThat(f.store.outbox()).hasSize(2);
        assertThat(f.store.outbox().get(1).card().title()).isEqualTo("Cluster node varde-b is back");
        assertThat(f.store.outbox().get(1).card().severity()).isEqualTo(Severity.RESOLVED);
        assertThat(f.wakes).as("delivery woken for each change").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aNodeThatWasNeverNoticedComingBackAnnouncesNothing() {
        f.service.nodeBack("varde-c", "is back", at("1s"));
        assertThat(f.store.outbox()).isEmpty();
    }
}
