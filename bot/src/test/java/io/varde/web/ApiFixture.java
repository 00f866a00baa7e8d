package io.varde.web;

import io.varde.check.CheckResult;
import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Outcome;
import io.varde.check.ProbeSpec;
import io.varde.check.Target;
import io.varde.check.TcpSpec;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.CheckHistory;
import io.varde.detect.RecentChecks;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import io.varde.incident.Actor;
import io.varde.incident.IncidentService;
import io.varde.incident.MuteScope;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.intel.ClaimSource;
import io.varde.intel.IntelIntake;
import io.varde.intel.RawClaim;
import io.varde.intel.TargetIndex;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.MemoryIntelStore;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link WebData} over real objects for the API tests: an {@link IncidentService} over the
 * in-memory incident store with a resolved outage of {@code skat} (INC-1) and an acknowledged,
 * muted outage of {@code trm} (INC-2); an {@link IntelIntake} over the in-memory intel store with
 * one claim on {@code www.trm.dk}; target reports and check history as built here; {@code trm}
 * tasked.
 */
final class ApiFixture {

    static final Instant NOW = TestTargets.T0.plus(Duration.ofHours(1));
    static final Actor ALICE = new Actor("slack", "U0ALICE", "alice");

    static final Target ENERGINET = target("energinet", new TcpSpec("gas.energinet.dk", 443), Map.of("sector", "energy"));
    static final Target TRM = target("trm", HttpSpec.get(URI.create("https://www.trm.dk/")), Map.of("sector", "government"));
    static final Target SKAT = target("skat", HttpSpec.get(URI.create("https://www.skat.dk/")), Map.of("sector", "government"));
    static final Target LONER = target("loner", HttpSpec.get(URI.create("https://loner.example/")), Map.of());
    /** Configuration order: not the order the API sorts them in. */
    static final List<Target> TARGETS = List.of(TRM, LONER, SKAT, ENERGINET);

    final MemoryIncidentStore incidentStore = new MemoryIncidentStore();
    final IncidentService incidents = new IncidentService(incidentStore, config(), TARGETS, () -> { });
    final IntelIntake intel = new IntelIntake(new MemoryIntelStore(), () -> TargetIndex.of(TARGETS), e -> { });
    final Map<String, List<CheckHistory.Sample>> samples = new LinkedHashMap<>();
    final RecentChecks recent = new RecentChecks();
    final WebData data = WebData.of(now -> reports(), new History(), recent, incidents, intel, () -> Set.of("trm"));

    ApiFixture() {
        change(SKAT, TargetState.UP, TargetState.DOWN, NOW.minus(Duration.ofMinutes(50)));
        change(SKAT, TargetState.DOWN, TargetState.UP, NOW.minus(Duration.ofMinutes(40)));
        change(TRM, TargetState.UP, TargetState.DOWN, NOW.minus(Duration.ofMinutes(5)));
        incidents.ack(2, ALICE, NOW.minus(Duration.ofMinutes(4)));
        incidents.mute(new MuteScope.OfIncident(2), Duration.ofHours(1), "under attack, known", ALICE,
                NOW.minus(Duration.ofMinutes(3)));
        intel.claim(new RawClaim(ClaimSource.WEBHOOK, "partner", "p-1", "NoName057(16)",
                NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(2)), List.of("www.trm.dk"),
                List.of("/search"), List.of("https://t.me/x/1"), "trm.dk down"), true);
        List<CheckHistory.Sample> trm = new ArrayList<>();
        for (int i = 35; i >= 1; i--) {
            boolean fail = i <= 10 && i % 2 == 0;
            trm.add(new CheckHistory.Sample(NOW.minusSeconds(30L * i), fail ? Outcome.FAIL : Outcome.OK,
                    fail ? 3 : 100 + i));
        }
        samples.put("trm", trm);
        samples.put("skat", List.of(new CheckHistory.Sample(NOW.minus(Duration.ofHours(30)), Outcome.OK, 90),
                new CheckHistory.Sample(NOW.minus(Duration.ofHours(2)), Outcome.SLOW, 2500)));
    }

    static Target target(String id, ProbeSpec spec, Map<String, String> labels) {
        return new Target(id, id.toUpperCase(java.util.Locale.ROOT), spec, Duration.ofSeconds(30), Duration.ofSeconds(5),
                DetectionSettings.DEFAULTS, Labels.of(labels), List.of(), List.of(), false);
    }

    static List<TargetReport> reports() {
        return List.of(
                new TargetReport(TRM, TargetState.DOWN, NOW.minus(Duration.ofMinutes(5)), false, NOW.minusSeconds(30),
                        Duration.ofMillis(3), "connection refused", 0.5),
                new TargetReport(LONER, TargetState.UNKNOWN, null, false, null, null, "", Double.NaN),
                new TargetReport(SKAT, TargetState.UP, NOW.minus(Duration.ofMinutes(40)), false, NOW.minusSeconds(10),
                        Duration.ofMillis(120), "", 1.0),
                new TargetReport(ENERGINET, TargetState.UP, NOW.minus(Duration.ofHours(3)), true, NOW.minusSeconds(5),
                        Duration.ofMillis(40), "", 0.75));
    }

    private void change(Target t, TargetState from, TargetState to, Instant at) {
        CheckResult cause = to == TargetState.UP ? TestTargets.ok(t.id(), at, 80) : TestTargets.fail(t.id(), at);
        incidents.onEvents(List.of(new StateChanged(at, t, from, to, to == TargetState.UP ? Duration.ofMinutes(10) : null,
                cause)));
    }

    private static TeamConfig config() {
        Route fallback = new Route("default", new Matchers(List.of()), Severity.INFO, List.of("console"), null,
                List.of(), null);
        return new TeamConfig(new Team(Map.of("slack:U0ALICE", Role.LEAD), Role.VIEWER, Duration.ofDays(7)),
                List.of(), fallback, Map.of(), Map.of());
    }

    /** Samples as put in {@link #samples}; uptime over 7 days known for {@code trm} only. */
    private final class History implements CheckHistory {
        @Override
        public void record(List<CheckResult> results) {
            throw new UnsupportedOperationException("the web only reads");
        }

        @Override
        public List<Sample> samples(String targetId, Instant since) {
            return samples.getOrDefault(targetId, List.of()).stream().filter(s -> !s.at().isBefore(since)).toList();
        }

        @Override
        public Map<String, Uptime> uptime(Instant since) {
            return since.isBefore(NOW.minus(Duration.ofDays(6))) ? Map.of("trm", new Uptime(10, 8)) : Map.of();
        }

        @Override
        public void prune(Instant rawBefore, Instant hourlyBefore) {
            throw new UnsupportedOperationException("the web only reads");
        }
    }
}
