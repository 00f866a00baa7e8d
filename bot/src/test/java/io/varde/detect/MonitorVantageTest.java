package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckResult;
import io.varde.check.Location;
import io.varde.check.Mitigation;
import io.varde.check.Outcome;
import io.varde.check.Target;
import io.varde.check.Vantage;
import io.varde.core.Labels;
import io.varde.detect.DetectionEvent.LocationChange;
import io.varde.detect.DetectionEvent.LocationChanged;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A monitor of targets checked from several locations: the judgement, lost agents, a location's own problem. */
class MonitorVantageTest {

    private static final Location HOME = new Location("home", "dk", Labels.empty(), null, false);
    private static final Location FRA = new Location("fra", "de", Labels.empty(), null, true);
    private static final Location AMS = new Location("ams", "nl", Labels.empty(), null, true);
    private static final List<Location> PLACES = List.of(HOME, FRA, AMS);

    private Instant now = T0;

    private static Target site(String id, Vantage vantage) {
        Target t = TestTargets.http(id);
        return new Target(t.id(), t.name(), t.probe(), t.interval(), t.timeout(), t.detection(), t.labels(),
                t.aliases(), t.conditions(), false, vantage, Mitigation.DEFAULT);
    }

    private static Target danish(String id) {
        return site(id, new Vantage(List.of(), 0, "dk", null));
    }

    /** Three rounds (the failure threshold) of one result per location, given as letters O, F, M per location. */
    private List<DetectionEvent> rounds(Monitor m, String id, String home, String fra, String ams) {
        List<DetectionEvent> out = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            now = now.plusSeconds(30);
            out.addAll(m.onResult("home", result(home.charAt(0), id), now));
            out.addAll(m.onResult("fra", result(fra.charAt(0), id), now));
            out.addAll(m.onResult("ams", result(ams.charAt(0), id), now));
            out.addAll(m.tick(now));
        }
        return out;
    }

    private CheckResult result(char kind, String id) {
        return switch (kind) {
            case 'O' -> TestTargets.ok(id, now, 20);
            case 'F' -> TestTargets.fail(id, now);
            case 'M' -> new CheckResult(id, now, Duration.ofMillis(20), Outcome.MITIGATED, null, List.of(), null,
                    "cf-mitigated: challenge");
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    private static List<StateChanged> changes(List<DetectionEvent> events) {
        return events.stream().filter(StateChanged.class::isInstance).map(StateChanged.class::cast).toList();
    }

    @Test
    void failingOnlyAbroadIsPartialGeoBlockedSayingWhereAndEverywhereIsDown() {
        Monitor m = new Monitor(List.of(danish("borger-dk")), PLACES);
        assertThat(rounds(m, "borger-dk", "O", "O", "O")).isEmpty(); // first UP is not news

        List<DetectionEvent> seen = rounds(m, "borger-dk", "O", "F", "O");
        assertThat(changes(seen)).isEmpty(); // a PARTIAL holds an interval before it is news
        seen.addAll(rounds(m, "borger-dk", "O", "F", "O"));
        List<StateChanged> geo = changes(seen);
        assertThat(geo).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(TargetState.PARTIAL);
            assertThat(s.judgement().reason()).isEqualTo(Verdict.Reason.GEO_BLOCKED);
            assertThat(s.problem()).isEqualTo("geo-blocked: DOWN from fra; UP from ams, home");
        });

        List<StateChanged> down = changes(rounds(m, "borger-dk", "F", "F", "F"));
        assertThat(down).extracting(StateChanged::to).containsExactly(TargetState.DOWN);
        assertThat(down.get(0).problem()).startsWith("DOWN from fra, home; UP from ams"); // the quorum, at once

        List<StateChanged> back = changes(rounds(m, "borger-dk", "O", "O", "O"));
        assertThat(back).extracting(StateChanged::to).containsExactly(TargetState.UP);
        assertThat(m.views("borger-dk")).extracting(v -> v.location().name() + "=" + v.status().state())
                .containsExactly("home=UP", "fra=UP", "ams=UP");
    }

    @Test
    void aChallengePageFromTheQuorumIsMitigatedNotDown() {
        Monitor m = new Monitor(List.of(danish("trm-dk")), PLACES);
        rounds(m, "trm-dk", "O", "O", "O");
        List<StateChanged> events = changes(rounds(m, "trm-dk", "M", "M", "O"));
        assertThat(events).extracting(StateChanged::to).containsExactly(TargetState.MITIGATED);
        assertThat(events.get(0).problem()).isEqualTo("MITIGATED from fra, home; UP from ams"
                + " (mitigated: cf-mitigated: challenge)");
    }

    @Test
    void aLostAgentIsReportedOnceAndItsTargetsAreJudgedOnTheOthers() {
        Monitor m = new Monitor(List.of(danish("borger-dk")), PLACES);
        rounds(m, "borger-dk", "O", "O", "O");
        List<DetectionEvent> events = new ArrayList<>();
        for (int round = 0; round < 6; round++) { // ams says nothing for 3 minutes
            now = now.plusSeconds(30);
            events.addAll(m.onResult("home", TestTargets.fail("borger-dk", now), now));
            events.addAll(m.onResult("fra", TestTargets.fail("borger-dk", now), now));
            events.addAll(m.tick(now));
        }
        assertThat(events.stream().filter(LocationChanged.class::isInstance).map(LocationChanged.class::cast))
                .singleElement().satisfies(l -> {
                    assertThat(l.location()).isEqualTo("ams");
                    assertThat(l.change()).isEqualTo(LocationChange.LOST);
                });
        // ams' last word was UP: while it counted, 2 of 3 failing made DOWN anyway (majority)
        assertThat(changes(events)).extracting(StateChanged::to).containsExactly(TargetState.DOWN);
        assertThat(m.views("borger-dk")).filteredOn(LocationView::lost).extracting(v -> v.location().name())
                .containsExactly("ams");

        now = now.plusSeconds(30);
        List<DetectionEvent> back = m.onResult("ams", TestTargets.fail("borger-dk", now), now);
        assertThat(back).first().isEqualTo(new LocationChanged(now, "ams", LocationChange.BACK, "reporting again"));
    }

    @Test
    void withAgentsLostTheNodesAloneJudgeButAnAgentAloneNeverMakesADown() {
        Target agentsOnly = site("terma-com", new Vantage(List.of("fra", "ams"), 2, null, null));
        Monitor m = new Monitor(List.of(agentsOnly, danish("borger-dk")), PLACES);
        List<DetectionEvent> events = new ArrayList<>();
        m.tick(now);
        for (int round = 0; round < 8; round++) { // ams is silent from the start
            now = now.plusSeconds(30);
            events.addAll(m.onResult("fra", TestTargets.fail("terma-com", now), now));
            events.addAll(m.onResult("home", TestTargets.fail("borger-dk", now), now));
            events.addAll(m.onResult("fra", TestTargets.ok("borger-dk", now, 20), now));
            events.addAll(m.tick(now));
        }
        assertThat(changes(events)).noneMatch(s -> s.target().id().equals("terma-com"));
        assertThat(m.status("terma-com").orElseThrow().state()).isNotEqualTo(TargetState.DOWN);
        // borger-dk: home fails, fra passes, ams lost: fewer than the quorum (2 of 2 reporting)
        assertThat(changes(events)).filteredOn(s -> s.target().id().equals("borger-dk"))
                .extracting(StateChanged::to).containsExactly(TargetState.PARTIAL);
    }

    @Test
    void aLocationFailingMostOfItsTargetsIsAProblemOfItsOwnNotAStormOfPartials() {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            targets.add(danish("site-" + i));
        }
        Monitor m = new Monitor(targets, PLACES);
        List<DetectionEvent> events = new ArrayList<>();
        for (Target t : targets) {
            events.addAll(rounds(m, t.id(), "O", "O", "O"));
        }
        assertThat(events).isEmpty();
        for (Target t : targets) {
            events.addAll(rounds(m, t.id(), "O", "F", "O"));
        }
        List<LocationChanged> locations = events.stream().filter(LocationChanged.class::isInstance)
                .map(LocationChanged.class::cast).toList();
        assertThat(locations).singleElement().satisfies(l -> {
            assertThat(l.location()).isEqualTo("fra");
            assertThat(l.change()).isEqualTo(LocationChange.PROBLEM);
            assertThat(l.detail()).isEqualTo("fails 3 of 6 targets".replace("3", "4"));
        });
        // the first three PARTIALs (fra failing half or fewer) were announced and withdrawn as UP
        // once fra was seen to be the problem; after that, none
        List<StateChanged> states = changes(events);
        assertThat(states.stream().filter(s -> s.to() == TargetState.PARTIAL).count()).isEqualTo(3);
        assertThat(states.subList(3, states.size())).allMatch(s -> s.to() == TargetState.UP);
        assertThat(m.judgement("site-5").orElseThrow().describe()).isEqualTo("PARTIAL (location problem)");
        assertThat(m.status("site-5").orElseThrow().state()).isEqualTo(TargetState.PARTIAL);

        // then fra goes silent: its own problem is over (told first) and it is lost
        List<LocationChanged> later = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            now = now.plusSeconds(30);
            for (Target t : targets) {
                m.onResult("home", TestTargets.ok(t.id(), now, 20), now);
                m.onResult("ams", TestTargets.ok(t.id(), now, 20), now);
            }
            m.tick(now).stream().filter(LocationChanged.class::isInstance).map(LocationChanged.class::cast)
                    .forEach(later::add);
        }
        assertThat(later).extracting(l -> l.location() + " " + l.change())
                .containsExactly("fra PROBLEM_OVER", "fra LOST");
    }

    @Test
    void whenTheNodesLoseConnectivityTheAgentsJudgeInsteadOfHoldingEverything() {
        Target canary = TestTargets.canary("canary");
        Monitor m = new Monitor(List.of(canary, danish("borger-dk")), PLACES);
        rounds(m, "borger-dk", "O", "O", "O");
        List<DetectionEvent> events = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            now = now.plusSeconds(30);
            events.addAll(m.onResult("home", TestTargets.fail("canary", now), now));
            events.addAll(m.onResult("home", TestTargets.fail("borger-dk", now), now));
            events.addAll(m.onResult("fra", TestTargets.ok("borger-dk", now, 20), now));
            events.addAll(m.onResult("ams", TestTargets.ok("borger-dk", now, 20), now));
        }
        assertThat(events).hasAtLeastOneElementOfType(DetectionEvent.ConnectivityLost.class);
        assertThat(changes(events)).isEmpty(); // home failing is its own problem: UP from fra, ams
        for (int round = 0; round < 3; round++) {
            now = now.plusSeconds(30);
            events.addAll(m.onResult("home", TestTargets.fail("canary", now), now));
            events.addAll(m.onResult("fra", TestTargets.fail("borger-dk", now), now));
            events.addAll(m.onResult("ams", TestTargets.fail("borger-dk", now), now));
        }
        assertThat(changes(events)).as(events.toString()).extracting(StateChanged::to).containsExactly(TargetState.DOWN);
    }

    @Test
    void aTargetCheckedFromTheNodesAloneIsJudgedAsBefore() {
        Target homeOnly = site("local", new Vantage(List.of("home"), 0, null, null));
        Monitor m = new Monitor(List.of(homeOnly), PLACES);
        assertThat(m.views("local")).isEmpty();
        List<DetectionEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            now = now.plusSeconds(30);
            events.addAll(m.onResult(i == 0 ? TestTargets.ok("local", now, 5) : TestTargets.fail("local", now), now));
            events.addAll(m.onResult("fra", TestTargets.ok("local", now, 5), now)); // not fra's: ignored
        }
        assertThat(changes(events)).extracting(StateChanged::to).containsExactly(TargetState.DOWN);
        assertThat(changes(events).get(0).judgement()).isNull();
    }
}
