package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import io.varde.core.Card;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.incident.Actor;
import io.varde.incident.IncidentService;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.intel.Claim;
import io.varde.intel.ClaimSource;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.RawClaim;
import io.varde.intel.StoredClaim;
import io.varde.intel.TargetIndex;
import io.varde.intel.TaskList;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.MemoryIntelStore;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code claim} and {@code claims} run end to end against a real intake over an in-memory intel store. */
class IntelCommandsTest {

    private static final Instant NOW = TestTargets.T0.plusSeconds(600);
    private static final String TG = "https://t.me/noname05716/1234";
    private static final Target TRM = TestTargets.target("trm-dk",
            HttpSpec.get(URI.create("https://www.trm.dk/")), Duration.ofSeconds(30), Duration.ofSeconds(5));
    private static final Target BORGER = new Target("borger-dk", "borger.dk",
            HttpSpec.get(URI.create("https://borger.dk/")), Duration.ofSeconds(30), Duration.ofSeconds(5),
            DetectionSettings.DEFAULTS, Labels.empty(), List.of("www.borger.dk"), List.of(), false);
    private static final Actor RITA = new Actor("slack", "U0RESP", "rita");

    private final Team team = new Team(Map.of("slack:U0RESP", Role.RESPONDER), Role.VIEWER, Duration.ofDays(7));
    private final IncidentService incidents = new IncidentService(new MemoryIncidentStore(), new TeamConfig(team,
            List.of(), new Route("default", new Matchers(List.of()), Severity.INFO, List.of("console"), null,
            List.of(), null), Map.of(), Map.of()), List.of(TRM, BORGER), () -> { });
    private final MemoryIntelStore store = new MemoryIntelStore();
    private final List<IntelEvent> events = new ArrayList<>();
    private final IntelIntake intake = new IntelIntake(store, () -> TargetIndex.of(List.of(TRM, BORGER)), events::add);
    private final CommandExecutor executor = new CommandExecutor(incidents, now -> List.of(), team,
            Optional.of(Intel.of(intake)), Clock.fixed(NOW, ZoneOffset.UTC));

    private Reply run(Actor actor, String text) {
        return executor.execute(new CommandRequest(actor, List.of(), text));
    }

    private Reply viewer(String text) {
        return run(new Actor("slack", "U0VIEW", "vera"), text);
    }

    private static List<String> fields(Card card) {
        return card.fields().stream().map(f -> f.name() + ": " + f.value()).toList();
    }

    /** A feed claim on {@code host}, learnt of at {@code at}. */
    private void feedClaim(String host, Instant at, String ref) {
        intake.claim(new RawClaim(ClaimSource.FEED, "telegram-noname", ref, "NoName057(16)", at.minusSeconds(600),
                at, List.of(host), List.of(), List.of(), "claimed " + host), false);
    }

    @Test
    void aRespondersClaimIsStoredAsManualByTheUserAndShownInTheChannel() {
        Reply reply = run(RITA, "claim www.trm.dk \"NoName057(16)\" " + TG);

        assertThat(reply.ok()).isTrue();
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(reply.card().title()).isEqualTo("Claim C-1 recorded");
        assertThat(reply.card().severity()).isEqualTo(Severity.WARNING);
        assertThat(fields(reply.card())).containsExactly(
                "Claimed host: www.trm.dk",
                "Actor: NoName057(16)",
                "Link: " + TG,
                "Targets: trm-dk: same host www.trm.dk");
        assertThat(reply.card().lines()).containsExactly("reported by rita (slack)");

        StoredClaim stored = store.claims().get(0);
        Claim claim = stored.claim();
        assertThat(claim.source()).isEqualTo(ClaimSource.MANUAL);
        assertThat(claim.sourceName()).isEqualTo("rita (slack)");
        assertThat(claim.ref()).isEmpty();
        assertThat(claim.actor()).isEqualTo("NoName057(16)");
        assertThat(claim.claimedAt()).isEqualTo(NOW);
        assertThat(claim.observedAt()).isEqualTo(NOW);
        assertThat(claim.links()).containsExactly(TG);
        assertThat(stored.targetIds()).containsExactly("trm-dk");
        assertThat(events).containsExactly(new IntelEvent.ClaimSeen(stored));
    }

    @Test
    void statusOfATargetCountsTheClaimsOnItThisWeekAndNamesTheLatest() {
        CommandExecutor withBoard = new CommandExecutor(incidents, now -> List.of(new TargetReport(TRM,
                TargetState.UP, TestTargets.T0, false, NOW, Duration.ofMillis(80), "", 1.0)), team,
                Optional.of(Intel.of(intake)), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(fields(withBoard.execute(new CommandRequest(RITA, List.of(), "status trm-dk")).card()))
                .contains("Claims 7d: none");
        feedClaim("www.trm.dk", NOW.minus(Duration.ofDays(8)), "old");
        feedClaim("trm.dk", NOW.minusSeconds(60), "p1");
        feedClaim("www.trm.dk", NOW.minusSeconds(30), "p2");
        assertThat(fields(withBoard.execute(new CommandRequest(RITA, List.of(), "status trm-dk")).card()))
                .contains("Claims 7d: 2, latest C-3 by NoName057(16) at 2025-11-13 07:59 UTC (feed telegram-noname)");
    }

    @Test
    void aTargetIdOrAliasClaimsTheTargetsHost() {
        Reply byId = run(RITA, "claim trm-dk");
        Reply byAlias = run(RITA, "claim WWW.BORGER.DK Killnet");

        assertThat(fields(byId.card())).containsExactly("Claimed host: www.trm.dk", "Actor: unknown actor",
                "Link: none", "Targets: trm-dk: same host www.trm.dk");
        assertThat(fields(byAlias.card())).containsExactly("Claimed host: borger.dk", "Actor: Killnet",
                "Link: none", "Targets: borger-dk: same host borger.dk");
    }

    @Test
    void aClaimOnAnUnmonitoredSiteIsKeptAndSaysSo() {
        Reply reply = run(RITA, "claim https://www.terma.com/en/ Killnet");

        assertThat(reply.card().title()).isEqualTo("Claim C-1 recorded");
        assertThat(reply.card().severity()).isEqualTo(Severity.INFO);
        assertThat(fields(reply.card())).contains("Claimed host: www.terma.com", "Targets: hits no monitored target");
        assertThat(reply.card().lines()).containsExactly("attacked paths: /en/", "reported by rita (slack)");
        assertThat(store.claims()).hasSize(1);
    }

    @Test
    void aViewerMayNotRecordAClaim() {
        Reply reply = viewer("claim www.trm.dk");

        assertThat(reply.ok()).isFalse();
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CALLER);
        assertThat(reply.card().title()).isEqualTo("claim needs the responder role");
        assertThat(store.claims()).isEmpty();
    }

    @Test
    void anUnreadableHostIsRefusedToTheCallerWithWhyAndTheUsage() {
        Reply bad = run(RITA, "claim trm!.dk NoName057(16)");
        Reply typo = run(RITA, "claim trm-dkk");

        assertThat(bad.ok()).isFalse();
        assertThat(bad.visibility()).isEqualTo(Reply.Visibility.CALLER);
        assertThat(bad.card().title()).isEqualTo("cannot read \"trm!.dk\" as a host: invalid character '!'");
        assertThat(fields(bad.card())).containsExactly("usage: claim <host|target> [actor] [link]");
        assertThat(typo.card().title()).isEqualTo("no target \"trm-dkk\", and a host name needs a dot");
        assertThat(store.claims()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void claimsListsWhatCameInSinceAndNotBefore() {
        feedClaim("www.trm.dk", NOW.minus(Duration.ofHours(2)), "post-1");
        run(RITA, "claim www.trm.dk \"NoName057(16)\" " + TG);

        Reply lastHour = viewer("claims 1h");
        Reply lastDay = viewer("claims");

        assertThat(lastHour.ok()).isTrue();
        assertThat(lastHour.visibility()).isEqualTo(Reply.Visibility.CALLER);
        assertThat(lastHour.card().title()).isEqualTo("1 claim since 2025-11-13 07:10 UTC");
        assertThat(lastHour.card().lines()).containsExactly(
                "2025-11-13 08:10 UTC C-2 manual rita (slack) · NoName057(16) · www.trm.dk · hits trm-dk");
        assertThat(lastDay.card().title()).isEqualTo("2 claims since 2025-11-12 08:10 UTC");
        assertThat(lastDay.card().lines()).containsExactly(
                "2025-11-13 08:10 UTC C-2 manual rita (slack) · NoName057(16) · www.trm.dk · hits trm-dk",
                "2025-11-13 06:10 UTC C-1 feed telegram-noname · NoName057(16) · www.trm.dk · hits trm-dk"
                        + " · claimed 2025-11-13 06:00 UTC");
    }

    @Test
    void claimsListsTaskListsWithTheTargetsTheyTask() {
        Instant at = NOW.minus(Duration.ofMinutes(30));
        intake.taskList("ddosia", "NoName057(16)", new TaskList("ddosia", at, List.of(
                new TaskList.Task("www.trm.dk", "192.0.2.1", "http", "GET", 443, true, "/search?q=$_1"),
                new TaskList.Task("www.trm.dk", "192.0.2.1", "http", "GET", 443, true, ""),
                new TaskList.Task("www.terma.com", "192.0.2.2", "tcp", "", 443, false, "")), List.of()));

        Reply reply = viewer("claims 2h");

        assertThat(reply.card().title()).isEqualTo("1 claim and 1 task list since 2025-11-13 06:10 UTC");
        assertThat(reply.card().lines()).containsExactly(
                "2025-11-13 07:40 UTC C-1 task-list ddosia · NoName057(16) · www.terma.com, www.trm.dk"
                        + " · hits trm-dk",
                "2025-11-13 07:40 UTC task list ddosia · 3 tasks · tasks 1 monitored target: trm-dk");
    }

    @Test
    void claimsSaysWhenNothingCameInAndSinceWhen() {
        feedClaim("www.trm.dk", NOW.minus(Duration.ofDays(2)), "old");

        Reply reply = viewer("claims");

        assertThat(reply.ok()).isTrue();
        assertThat(reply.card().title()).isEqualTo("No claims or task lists since 2025-11-12 08:10 UTC");
        assertThat(reply.card().lines()).isEmpty();
    }

    @Test
    void claimsSinceADayStartsAtMidnightUtcWithinThirtyDays() {
        feedClaim("www.trm.dk", Instant.parse("2025-11-12T23:59:00Z"), "late");
        feedClaim("www.trm.dk", Instant.parse("2025-11-13T00:00:00Z"), "midnight");

        Reply today = viewer("claims 2025-11-13");
        Reply future = viewer("claims 2025-11-14");
        Reply old = viewer("claims 2025-10-13");

        assertThat(today.card().title()).isEqualTo("1 claim since 2025-11-13 00:00 UTC");
        assertThat(viewer("claims 2025-10-14").ok()).isTrue();
        assertThat(future.ok()).isFalse();
        assertThat(future.card().title()).isEqualTo("2025-11-14 is in the future");
        assertThat(old.ok()).isFalse();
        assertThat(old.card().title()).isEqualTo("2025-10-13 is too long ago (at most 30d back)");
        assertThat(fields(old.card())).containsExactly("usage: claims [since]");
    }

    @Test
    void aLongListShowsTwentyAndCountsTheRest() {
        for (int i = 0; i < 25; i++) {
            feedClaim("www.trm.dk", NOW.minusSeconds(60L * i), "post-" + i);
        }

        List<String> lines = viewer("claims").card().lines();

        assertThat(lines).hasSize(IntelReplies.MAX_ITEMS + 1);
        assertThat(lines.get(0)).startsWith("2025-11-13 08:10 UTC C-1 ");
        assertThat(lines.get(IntelReplies.MAX_ITEMS)).isEqualTo("and 5 more claims");
    }

    @Test
    void withoutIntelBothCommandsSaySoToTheCaller() {
        CommandExecutor plain = new CommandExecutor(incidents, now -> List.of(), team,
                Clock.fixed(NOW, ZoneOffset.UTC));

        for (String text : List.of("claim www.trm.dk", "claims")) {
            Reply reply = plain.execute(new CommandRequest(RITA, List.of(), text));
            assertThat(reply.ok()).as(text).isFalse();
            assertThat(reply.visibility()).as(text).isEqualTo(Reply.Visibility.CALLER);
            assertThat(reply.card().title()).as(text).isEqualTo("threat intel is not enabled");
        }
        assertThat(store.claims()).isEmpty();
    }

    @Test
    void helpListsBothCommands() {
        List<String> lines = viewer("help").card().lines();

        assertThat(lines).anyMatch(l -> l.startsWith("claim <host|target> [actor] [link] — record a claim you saw")
                && l.endsWith("(responders and leads)"));
        assertThat(lines).anyMatch(l -> l.startsWith("claims [since] — recent claims and task lists")
                && l.endsWith("(viewers, responders and leads)"));
        assertThat(viewer("help claims").card().title()).isEqualTo("claims [since]");
    }
}
