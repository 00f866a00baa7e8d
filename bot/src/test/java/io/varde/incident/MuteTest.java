package io.varde.incident;

import static io.varde.incident.IncidentFixture.ALICE;
import static io.varde.incident.IncidentFixture.BORGER;
import static io.varde.incident.IncidentFixture.KK;
import static io.varde.incident.IncidentFixture.TERMA;
import static io.varde.incident.IncidentFixture.TRM;
import static io.varde.incident.IncidentFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Matcher;
import io.varde.core.Matcher.Op;
import io.varde.core.Matchers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mutes: scope, expiry, refusal of match-all, and what a muted incident still does. */
class MuteTest {

    private final IncidentFixture f = new IncidentFixture();

    private static MuteScope labels(Matcher... matchers) {
        return new MuteScope.OfLabels(new Matchers(List.of(matchers)));
    }

    @Test
    void aMutedIncidentIsRecordedButNotAnnouncedUntilItResolves() {
        f.down(BORGER, "0s");
        ActionResult muted = f.service.mute(new MuteScope.OfIncident(1), Duration.ofHours(1),
                "planned maintenance", ALICE, at("1m"));
        assertThat(muted.ok()).isTrue();
        assertThat(muted.message()).isEqualTo(
                "M-1 mutes INC-1 until 2025-11-13 09:01 UTC; 1 open incident muted now");
        assertThat(f.last().card().fields()).anySatisfy(field -> {
            assertThat(field.name()).isEqualTo("Muted");
            assertThat(field.value()).isEqualTo(
                    "until 2025-11-13 09:01 UTC by alice (slack) (M-1: planned maintenance)");
        });
        int before = f.sent().size();

        f.change(BORGER, io.varde.detect.TargetState.DOWN, io.varde.detect.TargetState.DEGRADED, "5m");
        assertThat(f.sent()).hasSize(before);
        assertThat(f.actions(1)).endsWith(TimelineAction.IMPROVED, TimelineAction.SUPPRESSED);

        f.up(BORGER, "10m");
        assertThat(f.sent()).hasSize(before + 1);
        assertThat(f.incident(1).resolved()).isTrue();
    }

    @Test
    void aTargetMuteCoversItsIncidentsButNotOthers() {
        f.service.mute(new MuteScope.OfTarget("borger-dk"), Duration.ofMinutes(30), "", ALICE, at("0s"));
        f.down(BORGER, "1m");
        f.down(TRM, "1m");

        assertThat(f.actions(1)).containsExactly(TimelineAction.OPENED, TimelineAction.SUPPRESSED);
        assertThat(f.sent()).containsExactly("INC-2/console/r1");
    }

    @Test
    void aLabelMuteCoversIncidentsOpenedDuringIt() {
        ActionResult r = f.service.mute(labels(new Matcher("sector", Op.EQUAL, "government")),
                Duration.ofHours(2), "", ALICE, at("0s"));
        assertThat(r.message()).startsWith("M-1 mutes sector=\"government\" (2 targets now) until");

        f.down(BORGER, "1m");
        f.down(TERMA, "1m");
        assertThat(f.sent()).containsExactly("INC-2/console/r1");
    }

    @Test
    void aMatcherThatWouldMuteEverythingIsRefused() {
        ActionResult r = f.service.mute(labels(new Matcher("sector", Op.NOT_EQUAL, "defence")),
                Duration.ofHours(1), "", ALICE, at("0s"));
        ActionResult regex = f.service.mute(labels(new Matcher("org", Op.REGEX, ".*")),
                Duration.ofHours(1), "", ALICE, at("0s"));

        assertThat(r.ok()).isFalse();
        assertThat(r.message()).startsWith("refused: sector!=\"defence\" would mute every target");
        assertThat(regex.ok()).isFalse();
        assertThat(f.service.activeMutes(at("0s"))).isEmpty();
    }

    @Test
    void aMuteNeedsAKnownScopeAndADurationWithinTheMaximum() {
        assertThat(f.service.mute(new MuteScope.OfTarget("nope"), Duration.ofHours(1), "", ALICE, at("0s"))
                .message()).isEqualTo("no target \"nope\" (see status for the list)");
        assertThat(f.service.mute(new MuteScope.OfIncident(9), Duration.ofHours(1), "", ALICE, at("0s"))
                .message()).isEqualTo("no incident INC-9");
        assertThat(f.service.mute(new MuteScope.OfTarget("borger-dk"), Duration.ofDays(8), "", ALICE, at("0s"))
                .message()).isEqualTo("a mute can last at most 7d");
    }

    @Test
    void aMuteExpiresByItselfAndTheIncidentIsShownAgain() {
        f.down(BORGER, "0s");
        f.service.mute(new MuteScope.OfIncident(1), Duration.ofMinutes(30), "", ALICE, at("1m"));

        assertThat(f.service.sweep(at("30m"))).isZero();
        assertThat(f.service.sweep(at("31m"))).isEqualTo(1);
        assertThat(f.service.sweep(at("32m"))).isZero();

        assertThat(f.actions(1)).containsExactly(TimelineAction.OPENED, TimelineAction.MUTED,
                TimelineAction.MUTE_EXPIRED);
        assertThat(f.service.timeline(1).get(2).at()).isEqualTo(at("31m"));
        assertThat(f.last().change()).isEqualTo("mute M-1 expired");
        assertThat(f.last().card().fields()).noneMatch(field -> field.name().equals("Muted"));
        assertThat(f.service.activeMutes(at("32m"))).isEmpty();
    }

    @Test
    void unmuteEndsAMuteByIdOrEveryMuteOnATarget() {
        f.down(KK, "0s");
        f.service.mute(new MuteScope.OfTarget("kk-dk"), Duration.ofHours(1), "", ALICE, at("1m"));
        f.service.mute(new MuteScope.OfTarget("kk-dk"), Duration.ofHours(2), "", ALICE, at("1m"));
        f.service.mute(new MuteScope.OfTarget("borger-dk"), Duration.ofHours(2), "", ALICE, at("1m"));

        assertThat(f.service.unmute("kk-dk", ALICE, at("2m")).message()).isEqualTo("ended M-1, M-2");
        assertThat(f.service.unmute("m-3", ALICE, at("2m")).message()).isEqualTo("ended M-3");
        assertThat(f.service.unmute("M-3", ALICE, at("2m")).message()).isEqualTo("no active mute M-3");
        assertThat(f.service.unmute("trm-dk", ALICE, at("2m")).message())
                .isEqualTo("no active mute on target \"trm-dk\"");
        assertThat(f.actions(1)).endsWith(TimelineAction.UNMUTED);
        assertThat(f.service.timeline(1).get(f.actions(1).size() - 1).text())
                .isEqualTo("unmuted by alice (slack) (M-1, M-2)");
    }

    @Test
    void aMutedIncidentIsNotReminded() {
        f.down(BORGER, "0s");
        f.service.mute(new MuteScope.OfIncident(1), Duration.ofHours(2), "", ALICE, at("1m"));

        assertThat(f.service.sweep(at("1h"))).isZero();
        assertThat(f.actions(1)).doesNotContain(TimelineAction.REMINDED);
    }

    @Test
    void aMutedIncidentDoesNotEscalate() {
        IncidentFixture g = new IncidentFixture(IncidentFixture.config(List.of(), null));
        g.down(KK, "0s");
        g.service.mute(new MuteScope.OfIncident(1), Duration.ofHours(1), "", ALICE, at("1m"));

        assertThat(g.service.sweep(at("15m"))).isZero();
        assertThat(g.incident(1).escalationLevel()).isEqualTo(1);
    }
}
