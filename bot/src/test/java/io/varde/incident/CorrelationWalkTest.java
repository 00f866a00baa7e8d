package io.varde.incident;

import static io.varde.incident.IncidentFixture.at;
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
import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.ClaimSource;
import io.varde.intel.HostName;
import io.varde.intel.IntelEvent;
import io.varde.intel.Match;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskedTarget;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks through correlation into incidents: the real {@link Correlator} fed in order, its
 * findings applied by the real {@link IncidentService} over the in-memory store.
 */
class CorrelationWalkTest {

    static Target target(String id, String sector, String org, String... extra) {
        Map<String, String> labels = new HashMap<>(Map.of("sector", sector, "org", org));
        for (int i = 0; i < extra.length; i += 2) {
            labels.put(extra[i], extra[i + 1]);
        }
        return new Target(id, id, HttpSpec.get(URI.create("https://www." + id.replace("-dk", ".dk") + "/")),
                Duration.ofSeconds(30), Duration.ofSeconds(5), DetectionSettings.DEFAULTS, Labels.of(labels),
                List.of(), List.of(), false);
    }

    static final Target KK = target("kk-dk", "municipal", "kk");
    static final Target AARHUS = target("aarhus-dk", "municipal", "aarhus");
    static final Target ODENSE = target("odense-dk", "municipal", "odense");
    static final Target VEJLE = target("vejle-dk", "municipal", "vejle");
    static final Target TRM = target("trm-dk", "government", "trm", "depends_on", "cdn");
    static final Target TERMA = target("terma-dk", "defence", "terma");
    static final Target CDN = target("cdn-dk", "infrastructure", "cdn", "role", "upstream");
    static final List<Target> ALL = List.of(KK, AARHUS, ODENSE, VEJLE, TRM, TERMA, CDN);

    static final CorrelationRules RULES = new CorrelationRules(List.of(
            new Rule.Tasked("tasked", new Matchers(List.of()), Severity.INFO,
                    new Rule.Tightening(Duration.ofSeconds(15), 2, true)),
            new Rule.ClaimedAttack("claimed-attack", new Matchers(List.of()), EnumSet.allOf(ClaimSource.class),
                    Duration.ofHours(2), List.of("org"), Severity.CRITICAL),
            new Rule.ClaimedNotObserved("claimed-not-observed", new Matchers(List.of()),
                    EnumSet.of(ClaimSource.FEED, ClaimSource.WEBHOOK, ClaimSource.MANUAL), Duration.ofHours(1),
                    List.of("org")),
            new Rule.Campaign("campaign", Matchers.parse("sector=municipal"), List.of("sector"), 3,
                    Duration.ofMinutes(10), Severity.CRITICAL),
            new Rule.Inhibition("upstream-down", Matchers.parse("role=upstream"), Matchers.parse("depends_on=cdn"),
                    List.of())));

    final MemoryIncidentStore store = new MemoryIncidentStore();
    final IncidentService service = new IncidentService(store, IncidentFixture.config(List.of(), null), ALL, () -> { });
    final Correlator correlator = new Correlator(RULES, ALL);

    void change(Target t, TargetState from, TargetState to, String when) {
        Instant at = at(when);
        StateChanged e = new StateChanged(at, t, from, to, null,
                to == TargetState.UP ? TestTargets.ok(t.id(), at, 80) : TestTargets.fail(t.id(), at));
        service.onCorrelated(e, correlator.onDetection(e));
    }

    void down(Target t, String when) {
        change(t, TargetState.UP, TargetState.DOWN, when);
    }

    void up(Target t, String when) {
        change(t, TargetState.DOWN, TargetState.UP, when);
    }

    void claim(StoredClaim c, String when) {
        service.onCorrelated(null, correlator.onIntel(new IntelEvent.ClaimSeen(c), at(when)));
    }

    void tick(String when) {
        service.onCorrelated(null, correlator.tick(at(when)));
    }

    static StoredClaim claimOn(long id, Target t, ClaimSource source, String when) {
        String host = t.host();
        Claim c = new Claim(source, "noname-feed", "", "NoName057(16)", at(when), at(when),
                List.of(new HostName(host, host.replaceFirst("^www\\.", ""), Optional.empty(), false)),
                List.of(), List.of("https://t.me/noname05716/1234"), "Атака на " + host);
        return new StoredClaim(id, c, List.of(new ClaimMatch(t.id(), host, Match.Reason.HOST, "same host " + host)));
    }

    Incident only(IncidentKind kind) {
        List<Incident> found = service.recent(100).stream().filter(i -> i.kind() == kind).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void threeMunicipalSitesDownWithinTenMinutesAreOneCampaign_theFirstTwoRolledUp_aFourthJoins() {
        down(KK, "0s");
        down(AARHUS, "4m");
        assertThat(service.unresolved()).hasSize(2);
        down(ODENSE, "9m");
        List<Incident> open = service.unresolved();
        assertThat(open).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentKind.CAMPAIGN);
            assertThat(c.title()).isEqualTo("Campaign on sector=municipal: 3 DOWN");
            assertThat(c.targets()).extracting(AffectedTarget::targetId).containsExactly("kk-dk", "aarhus-dk", "odense-dk");
            assertThat(c.evidence()).singleElement().satisfies(e -> assertThat(e.text()).contains("rule campaign"));
        });
        assertThat(service.timeline(1)).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(TimelineAction.RESOLVED);
            assertThat(e.text()).contains("rolled up into campaign INC-3");
        });
        assertThat(store.outbox()).as("the campaign's summary may pass site alerts; theirs may not")
                .allSatisfy(m -> assertThat(m.priority()).isEqualTo(m.incident() == 3
                        ? OutboxMessage.Priority.URGENT : OutboxMessage.Priority.NORMAL))
                .anySatisfy(m -> assertThat(m.incident()).isEqualTo(3));
        down(VEJLE, "1h");
        assertThat(service.unresolved()).singleElement()
                .satisfies(c -> assertThat(c.title()).isEqualTo("Campaign on sector=municipal: 4 DOWN"));
        for (Target t : List.of(KK, AARHUS, ODENSE, VEJLE)) {
            up(t, "2h");
        }
        assertThat(service.unresolved()).isEmpty();
        assertThat(service.incident(3).orElseThrow().resolved()).isTrue();
    }

    @Test
    void aClaimBeforeTheOutageMakesItAClaimedAttackSayingWhoWhereAndTheLag() {
        claim(claimOn(7, TRM, ClaimSource.FEED, "0s"), "0s");
        down(TRM, "12m");
        Incident i = service.unresolved().get(0);
        assertThat(i.title()).isEqualTo("Claimed attack: trm-dk is DOWN");
        assertThat(i.evidence()).singleElement().satisfies(e -> {
            assertThat(e.ref()).isEqualTo("C-7");
            assertThat(e.text()).contains("claimed by NoName057(16) (feed noname-feed, C-7)",
                    "www.trm.dk hits trm-dk (same host www.trm.dk)", "12m before we detected it");
        });
        assertThat(service.timeline(i.number())).extracting(TimelineEntry::action)
                .containsExactly(TimelineAction.OPENED, TimelineAction.CLAIMED);
        assertThat(store.outbox()).last().satisfies(m -> assertThat(m.card().lines())
                .anyMatch(l -> l.startsWith("C-7: claimed by NoName057(16)")));
    }

    @Test
    void aClaimAfterAnOutageThatEndedIsNotedOnTheResolvedIncident_onlyOnce() {
        down(TRM, "0s");
        up(TRM, "20m");
        StoredClaim c = claimOn(8, TRM, ClaimSource.WEBHOOK, "30m");
        claim(c, "31m");
        Incident i = service.incident(1).orElseThrow();
        assertThat(i.resolved()).isTrue();
        assertThat(i.title()).startsWith("Claimed attack: ");
        assertThat(i.evidence().get(0).text()).contains("30m after we detected it");
        int revision = i.revision();
        service.onCorrelated(null, correlator.restore(Map.of(), Map.of(), Set.of(), List.of(c), at("32m")));
        assertThat(service.incident(1).orElseThrow().revision()).isEqualTo(revision);
    }

    @Test
    void aClaimWithNoOutageWithinTheWindowIsANotice_theTermaCase() {
        claim(claimOn(9, TERMA, ClaimSource.FEED, "0s"), "0s");
        tick("59m");
        assertThat(service.recent(10)).isEmpty();
        tick("1h");
        Incident notice = only(IncidentKind.CLAIMED_NOT_OBSERVED);
        assertThat(notice.resolved()).isTrue();
        assertThat(notice.severity()).isEqualTo(Severity.INFO);
        assertThat(notice.title()).isEqualTo("Claimed, not observed: terma-dk (NoName057(16))");
        assertThat(notice.evidence().get(0).text()).contains("no outage of terma-dk seen within 1h before or after");
        assertThat(store.outbox()).singleElement().satisfies(m ->
                assertThat(m.card().fields()).anyMatch(f -> f.value().equals("Notice: nothing to act on")));
        down(TERMA, "2h");
        assertThat(service.unresolved()).singleElement()
                .satisfies(i -> assertThat(i.kind()).isEqualTo(IncidentKind.OUTAGE));
    }

    @Test
    void whileTheUpstreamIsDownItsDependantsAreRecordedButHeldBack_thenAnnounced() {
        down(CDN, "0s");
        int before = store.outbox().size();
        down(TRM, "1m");
        Incident trm = service.unresolved().stream().filter(i -> i.target("trm-dk") != null).findFirst().orElseThrow();
        assertThat(service.timeline(trm.number())).extracting(TimelineEntry::action).contains(TimelineAction.SUPPRESSED);
        assertThat(store.outbox()).hasSize(before);
        up(CDN, "10m");
        assertThat(service.timeline(trm.number())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(TimelineAction.UNMUTED);
            assertThat(e.text()).contains("cdn-dk is no longer DOWN");
        });
        assertThat(store.outbox()).last().satisfies(m -> assertThat(m.key()).startsWith(trm.id() + "/"));
        assertThat(service.activeMutes(at("10m"))).isEmpty();
    }

    @Test
    void taskedTargetsAreOneNotice_theirOutagesStillOpenTheirOwnIncidents_untaskedResolvesIt() {
        TaskedTarget kk = new TaskedTarget("kk-dk", new ClaimMatch("kk-dk", "www.kk.dk", Match.Reason.HOST, "same host"),
                Set.of("", "/search?q=$_1"));
        TaskedTarget trm = new TaskedTarget("trm-dk", new ClaimMatch("trm-dk", "trm.dk", Match.Reason.ALIAS, "alias trm.dk"),
                Set.of(""));
        service.onCorrelated(null, correlator.onIntel(new IntelEvent.TaskingChanged(at("0s"), "ddosia",
                List.of(kk, trm), List.of(), List.of(kk, trm)), at("0s")));
        Incident tasked = only(IncidentKind.TASKED);
        assertThat(tasked.title()).isEqualTo("Tasked on ddosia: 2 monitored targets");
        assertThat(tasked.severity()).isEqualTo(Severity.INFO);
        assertThat(store.outbox()).last().satisfies(m -> assertThat(m.card().lines())
                .anyMatch(l -> l.startsWith("kk-dk: tasked since") && l.contains("paths /, /search?q=$_1")));
        down(KK, "5m");
        assertThat(service.unresolved()).hasSize(2).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IncidentKind.OUTAGE);
            assertThat(i.target("kk-dk")).isNotNull();
        });
        service.onCorrelated(null, correlator.onIntel(new IntelEvent.TaskingChanged(at("1h"), "ddosia",
                List.of(), List.of("kk-dk", "trm-dk"), List.of()), at("1h")));
        assertThat(service.incident(tasked.number()).orElseThrow().resolved()).isTrue();
    }

    @Test
    void whatARestartNeedsIsReadBackFromTheOpenIncidentsAndMutes() {
        down(CDN, "0s");
        down(KK, "1m");
        down(AARHUS, "2m");
        down(ODENSE, "3m");
        IncidentService.CorrelationState state = service.correlationState(at("4m"));
        assertThat(state.inhibitions()).containsExactly("inhibition:upstream-down:cdn-dk");
        assertThat(state.campaigns()).containsOnlyKeys("campaign:campaign:sector=municipal");
        assertThat(state.campaigns().get("campaign:campaign:sector=municipal"))
                .containsExactlyInAnyOrder("kk-dk", "aarhus-dk", "odense-dk");
        assertThat(state.outageSince()).containsEntry("cdn-dk", at("0s")).containsEntry("kk-dk", at("1m"));
        assertThat(state.downSince()).as("what a campaign rule counts after a restart")
                .containsEntry("kk-dk", at("1m")).containsEntry("odense-dk", at("3m"));

        up(CDN, "5m");
        assertThat(service.correlationState(at("6m")).inhibitions()).isEmpty();
    }
}
