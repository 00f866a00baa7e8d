package io.varde.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.config.ConfigLoader;
import io.varde.config.ScenarioReader;
import io.varde.config.VardeConfig;
import io.varde.incident.AffectedTarget;
import io.varde.incident.Evidence;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.OutboxMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped story, {@code rules/scenarios/denmark-2025-11.yaml}, replayed in-process against
 * the shipped rules through the real pipeline: the incidents PRODUCT.md promises come out, and
 * the printed alerts are in time order.
 */
class DenmarkScenarioTest {

    private static final Path RULES = Path.of("..", "rules").toAbsolutePath().normalize();

    private static ReplayResult result;
    private static String report;

    @BeforeAll
    static void replay() throws Exception {
        VardeConfig config = ConfigLoader.load(RULES, Map.of());
        Scenario scenario = ScenarioReader.read(RULES.resolve("scenarios/denmark-2025-11.yaml"), config.targets(),
                Map.of());
        result = Replay.run(scenario, config.targets(), config.team(), config.correlation());
        report = ReplayReport.text(result);
    }

    @Test
    void theStoryGivesTheExpectedIncidentsAllResolvedAndNoConnectivityLoss() {
        assertThat(result.incidents()).extracting(Incident::kind).containsExactly(
                IncidentKind.TASKED, IncidentKind.OUTAGE, IncidentKind.CAMPAIGN, IncidentKind.OUTAGE,
                IncidentKind.OUTAGE, IncidentKind.CLAIMED_NOT_OBSERVED);
        assertThat(result.incidents()).as("all resolved at the end").allMatch(Incident::resolved);
        assertThat(result.incidents()).noneMatch(i -> i.kind() == IncidentKind.CONNECTIVITY);
        assertThat(result.checks()).as("20 targets checked for 36 hours").isGreaterThan(70_000);
    }

    @Test
    void theOctoberTaskListGivesATaskedNoticeThatEndsWhenTheListMovesOn() {
        Incident tasked = result.incidents().get(0);

        assertThat(tasked.title()).isEqualTo("Was tasked on ddosia: 7 monitored targets");
        assertThat(tasked.targets()).extracting(AffectedTarget::targetId).containsExactly(
                "trm-dk", "trm-dk-search", "aarhus-dk", "odense-dk", "vejle-dk", "helsingor-dk", "horsens-dk");
        assertThat(tasked.openedAt()).isEqualTo(Instant.parse("2025-10-02T11:10:35Z"));
        assertThat(tasked.resolvedAt()).isEqualTo(Instant.parse("2025-11-05T12:05:11Z"));
        assertThat(tasked.evidence()).extracting(Evidence::ref).containsExactly("list:ddosia");
    }

    @Test
    void theMunicipalSitesMakeOneClaimedCampaign() {
        Incident firstOutage = result.incidents().get(1);
        Incident campaign = result.incidents().get(2);

        assertThat(firstOutage.openedAt()).as("3 failed checks a minute apart, the last timing out after 10s")
                .isEqualTo(Instant.parse("2025-11-12T07:04:10Z"));
        assertThat(firstOutage.resolvedAt()).as("rolled up into the campaign").isEqualTo(campaign.openedAt());
        assertThat(campaign.title()).isEqualTo("Claimed attack: Campaign on sector=municipal: 4 back UP");
        assertThat(campaign.targets()).extracting(AffectedTarget::targetId)
                .containsExactly("aarhus-dk", "odense-dk", "kk-dk", "vejle-dk");
        assertThat(campaign.openedAt()).isEqualTo(Instant.parse("2025-11-12T07:07:10Z"));
        assertThat(campaign.resolvedAt()).as("when the second good check answered, in 120 ms")
                .isEqualTo(Instant.parse("2025-11-12T09:46:00.120Z"));
        assertThat(campaign.evidence()).extracting(Evidence::ref).first().isEqualTo("rule:sector-campaign");
        assertThat(claims(campaign)).singleElement().asString()
                .startsWith("claimed by NoName057(16) (feed noname-telegram, C-")
                .contains("at 2025-11-12 08:05 UTC: aarhus.dk hits aarhus-dk (same host aarhus.dk), "
                        + "1h after we detected it (rule claimed-attack)");
    }

    @Test
    void theMinistryAndBorgerDkAreClaimedAttacksWithTheLag() {
        Incident trm = result.incidents().get(3);
        Incident borger = result.incidents().get(4);

        assertThat(trm.title()).isEqualTo("Claimed attack: Ministry of Transport is UP");
        assertThat(trm.targets()).extracting(AffectedTarget::targetId).containsExactly("trm-dk");
        assertThat(claims(trm)).singleElement().asString().contains("claimed by NoName057(16) (feed noname-telegram")
                .contains("www.trm.dk hits trm-dk (same host www.trm.dk), 35m50s after we detected it");
        assertThat(borger.title()).isEqualTo("Claimed attack: borger.dk (public-sector portal) is UP");
        assertThat(claims(borger)).singleElement().asString()
                .contains("borger.dk hits borger-dk (same host www.borger.dk, ignoring www.), "
                        + "31m50s after we detected it");
        assertThat(trm.resolvedAt()).isEqualTo(Instant.parse("2025-11-13T11:16:00.120Z"));
    }

    @Test
    void termaIsClaimedButNotObservedOnceTheWindowHasPassed() {
        Incident terma = result.incidents().get(5);

        assertThat(terma.title()).isEqualTo("Claimed, not observed: terma-com, terma-com-tcp (NoName057(16))");
        assertThat(terma.openedAt()).as("the claim at 11:20 plus the 1h window")
                .isEqualTo(Instant.parse("2025-11-13T12:20:00Z"));
        assertThat(claims(terma)).singleElement().asString().contains("no outage of terma-com, terma-com-tcp seen "
                + "within 1h before or after (rule claimed-not-observed)");
    }

    @Test
    void theOutputListsEveryAlertInTimeOrderThenTheIncidents() {
        List<String> lines = report.lines().toList();
        int alerts = lines.indexOf("Alerts (" + result.alerts().size() + ")");
        int incidents = lines.indexOf("Incidents (6, 0 not resolved at the end)");
        assertThat(alerts).isPositive();
        assertThat(incidents).isGreaterThan(alerts);

        List<String> headers = lines.subList(alerts + 1, incidents).stream()
                .filter(l -> !l.isEmpty() && !l.startsWith(" ")).toList();
        assertThat(headers).hasSize(result.alerts().size());
        List<Instant> times = headers.stream().map(l -> Instant.parse(l.substring(0, l.indexOf(' ')))).toList();
        assertThat(times).isSorted();
        assertThat(result.alerts()).extracting(OutboxMessage::createdAt).isSorted();
        assertThat(headers).anySatisfy(l -> assertThat(l)
                .startsWith("2025-10-02T11:10:35Z INFO     INC-1 r1 Tasked on ddosia"));
        assertThat(headers).anySatisfy(l -> assertThat(l).startsWith("2025-11-12T07:07:10Z CRITICAL INC-3 r1 "
                + "Campaign on sector=municipal: 3 DOWN | opened"));
        assertThat(headers).anySatisfy(l -> assertThat(l).startsWith("2025-11-13T12:20:00Z RESOLVED INC-6 r1 "
                + "Claimed, not observed: terma-com, terma-com-tcp (NoName057(16))"));
        assertThat(lines.subList(incidents + 1, lines.size())).contains(
                "INC-3 CAMPAIGN RESOLVED: Claimed attack: Campaign on sector=municipal: 4 back UP",
                "  targets: aarhus-dk (up), odense-dk (up), kk-dk (up), vejle-dk (up)",
                "  opened 2025-11-12 07:07 UTC, resolved 2025-11-12 09:46 UTC after 2h38m");
    }

    private static List<String> claims(Incident i) {
        return i.evidence().stream().filter(Evidence::isClaim).map(Evidence::text).toList();
    }
}
