package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Correlator;
import io.varde.correlate.Rule;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.incident.IncidentService;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.notify.Backoff;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryListener;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storm walks on the embedded H2 file, through the real correlator, incidents, outbox and
 * delivery worker on a simulated clock, into a notifier that records what a channel would show:
 * group wait (F, F, F across sectors within and outside it), coalesced edits with the thread
 * digest, and nothing lost across a restart in the middle.
 */
class StormWalkTest {

    static final Instant T0 = Instant.parse("2026-11-13T09:00:00Z");
    static final CorrelationRules RULES = new CorrelationRules(List.of(new Rule.Campaign("sector-campaign",
            Matchers.parse("sector=~\".+\""), List.of("sector"), 3, Duration.ofMinutes(10), Severity.CRITICAL)));

    @TempDir
    Path data;
    Database db;
    final List<Delivery> shown = new ArrayList<>();
    /** When each delivery in {@link #shown} was made: the pass's time. */
    final List<Instant> shownAt = new ArrayList<>();
    Instant passNow;
    final Notifier slack = new Notifier() {
        @Override
        public String name() {
            return "slack";
        }

        @Override
        public String send(Delivery d) {
            shown.add(d);
            shownAt.add(passNow);
            return d.messageRef() != null ? d.messageRef() : "ts-" + d.message().incident();
        }
    };

    static Target site(String id, String sector) {
        return new Target(id, id, HttpSpec.get(URI.create("https://" + id + ".example/")), Duration.ofSeconds(30),
                Duration.ofSeconds(5), DetectionSettings.DEFAULTS, Labels.of(Map.of("sector", sector)), List.of(),
                List.of(), false);
    }

    final List<Target> targets = new ArrayList<>();
    IncidentService incidents;
    Correlator correlator;
    DeliveryWorker worker;
    JdbcOutboxStore outbox;

    void start() {
        start(Route.THREAD_INTERVAL);
    }

    void start(Duration threadInterval) {
        db = Database.open(DbSettings.embedded(data));
        TeamConfig team = new TeamConfig(new Team(Map.of(), Role.VIEWER, Duration.ofDays(7)), List.of(),
                new Route("default", new Matchers(List.of()), Severity.INFO, List.of("slack:C1"), null, List.of(),
                        null, Route.GROUP_WAIT, threadInterval), Map.of(), Map.of());
        outbox = new JdbcOutboxStore(db);
        worker = new DeliveryWorker(outbox, List.of(slack), RateLimits.defaults(), Backoff.standard(),
                DeliveryListener.NONE);
        correlator = new Correlator(RULES, targets);
        incidents = new IncidentService(new JdbcIncidentStore(db), team, targets, correlator::mayCampaign, () -> { });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    void down(Target t, Instant at) {
        StateChanged e = new StateChanged(at, t, TargetState.UP, TargetState.DOWN, null, TestTargets.fail(t.id(), at));
        incidents.onCorrelated(e, correlator.onDetection(e));
    }

    /** Delivery passes every 250 ms from {@code from} to {@code to}. */
    void deliver(Instant from, Instant to) {
        for (Instant now = from; !now.isAfter(to); now = now.plusMillis(250)) {
            passNow = now;
            worker.runOnce(now);
        }
    }

    List<String> posts() {
        return shown.stream().filter(d -> d.messageRef() == null).map(d -> d.message().card().title()).toList();
    }

    @Test
    void threeSitesOfASectorWithinTheGroupWaitAreAnnouncedOnlyAsTheCampaign() {
        targets.addAll(List.of(site("a1", "a"), site("a2", "a"), site("a3", "a"), site("b1", "b")));
        start();

        down(targets.get(0), T0);
        deliver(T0, T0.plusSeconds(2));
        down(targets.get(3), T0.plusSeconds(2));
        down(targets.get(1), T0.plusSeconds(5));
        deliver(T0.plusSeconds(2), T0.plusSeconds(10));
        assertThat(shown).as("held for the group wait; the status page shows them meanwhile").isEmpty();
        assertThat(incidents.unresolved()).hasSize(3);
        down(targets.get(2), T0.plusSeconds(10));
        deliver(T0.plusSeconds(10), T0.plusSeconds(60));

        assertThat(posts()).as("one post for the campaign; b1, which no campaign took, after its wait")
                .containsExactly("Campaign on sector=a: 3 DOWN", "b1 is DOWN");
        assertThat(shownAt.get(shown.indexOf(shown.stream().filter(d -> d.message().card().title().equals("b1 is DOWN"))
                .findFirst().orElseThrow()))).as("b1 went DOWN at 2 s: posted when its wait ended")
                .isEqualTo(T0.plusSeconds(32));
        assertThat(shownAt.get(0)).as("the campaign is never held").isEqualTo(T0.plusSeconds(10));
        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.deliveryLog(1)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(DeliveryLogEntry.Outcome.SUPERSEDED);
            assertThat(e.detail()).startsWith("withdrawn before it was announced here: a1 rolled up into campaign");
        });
    }

    @Test
    void sitesFailingFurtherApartThanTheGroupWaitAreAnnouncedThenRolledUp() {
        targets.addAll(List.of(site("c1", "c"), site("c2", "c"), site("c3", "c")));
        start();

        down(targets.get(0), T0);
        deliver(T0, T0.plusSeconds(40));
        down(targets.get(1), T0.plusSeconds(40));
        deliver(T0.plusSeconds(40), T0.plusSeconds(80));
        down(targets.get(2), T0.plusSeconds(80));
        deliver(T0.plusSeconds(80), T0.plusSeconds(120));

        assertThat(posts()).containsExactly("c1 is DOWN", "c2 is DOWN", "Campaign on sector=c: 3 DOWN");
        assertThat(shown).filteredOn(d -> d.messageRef() != null).extracting(Delivery::lines)
                .as("the announced sites are edited to rolled up; c3 was never posted on its own")
                .allSatisfy(lines -> assertThat(String.join(" ", lines)).contains("rolled up into campaign INC-3"))
                .hasSize(2);
    }

    @Test
    void queuedRevisionsCoalesceIntoTheNewestAndSurviveARestartInTheMiddle() {
        for (int i = 1; i <= 12; i++) {
            targets.add(site("d" + i, "d"));
        }
        start();
        for (int i = 0; i < 3; i++) {
            down(targets.get(i), T0.plusSeconds(i));
        }
        deliver(T0.plusSeconds(2), T0.plusSeconds(3));
        assertThat(posts()).containsExactly("Campaign on sector=d: 3 DOWN");
        for (int i = 3; i < 11; i++) {
            down(targets.get(i), T0.plusSeconds(4 + i));
        }
        db.close();
        shown.clear();
        shownAt.clear();
        start();
        deliver(T0.plusSeconds(20), T0.plusSeconds(40));

        assertThat(shown).as("after the restart: one edit to the newest card at once, then the digest at "
                        + "the slot's end").hasSize(2);
        Delivery edit = shown.get(0);
        assertThat(edit.message().revision()).isEqualTo(9);
        assertThat(edit.message().card().title()).isEqualTo("Campaign on sector=d: 11 DOWN");
        assertThat(edit.lines()).isEmpty();
        Delivery digest = shown.get(1);
        assertThat(digest.editCard()).isFalse();
        assertThat(digest.lines()).containsExactly("8 more sites DOWN: d4, d5, d6, d7, d8, ... +3");
        assertThat(digest.message().createdAt()).isEqualTo(T0.plusSeconds(14));
        long campaign = 3;
        List<DeliveryLogEntry.Outcome> outcomes = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            List<DeliveryLogEntry> log = outbox.deliveryLog(id);
            if (!log.isEmpty() && log.get(log.size() - 1).detail().contains("r9")) {
                outcomes.add(log.get(0).outcome());
            }
        }
        assertThat(outcomes).as("r2..r8: card superseded by r9, line waiting; nothing dropped")
                .hasSize(8).containsOnly(DeliveryLogEntry.Outcome.SHOWN);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.messageRef(campaign, "slack:C1")).contains("ts-3");
    }

    @Test
    void withoutDigestsR2ToR8AreSupersededByR9AcrossARestart() {
        for (int i = 1; i <= 12; i++) {
            targets.add(site("e" + i, "e"));
        }
        start(Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            down(targets.get(i), T0.plusSeconds(i));
        }
        deliver(T0.plusSeconds(2), T0.plusSeconds(3));
        for (int i = 3; i < 11; i++) {
            down(targets.get(i), T0.plusSeconds(4 + i));
        }
        db.close();
        shown.clear();
        start(Duration.ZERO);
        deliver(T0.plusSeconds(20), T0.plusSeconds(35));

        assertThat(shown).as("one edit, the newest card with every line; e1 and e2 withdrawn after their "
                + "group wait").singleElement().satisfies(d -> {
            assertThat(d.message().revision()).isEqualTo(9);
            assertThat(d.lines()).containsExactly("8 more sites DOWN: e4, e5, e6, e7, e8, ... +3");
        });
        List<String> log = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            outbox.deliveryLog(id).stream().filter(e -> e.detail().contains("r9") || e.detail().equals("ts-3"))
                    .forEach(e -> log.add(e.outcome() + " " + e.detail()));
        }
        List<String> expected = new ArrayList<>(List.of("SENT ts-3"));
        for (int r = 2; r <= 8; r++) {
            expected.add("SUPERSEDED superseded by r9, its line sent with it");
        }
        expected.add("SENT ts-3");
        assertThat(log).as("r1 posted before the restart; r2..r8 superseded by r9, r9 sent after it")
                .containsExactlyElementsOf(expected);
        assertThat(outbox.pendingCount()).isZero();
    }
}
