package io.varde.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
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
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule kind fires, and does not, on a fixed clock: window edges, order, equal labels. */
class CorrelatorTest {

    static final Instant T = Instant.parse("2025-11-13T08:00:00Z");
    static final Target TRM = target("trm-dk", "www.trm.dk", "government", "trm");
    static final Target TRM_SEARCH = target("trm-dk-search", "www.trm.dk", "government", "trm");
    static final Target KK = target("kk-dk", "www.kk.dk", "municipal", "kk");
    static final Target AARHUS = target("aarhus-dk", "www.aarhus.dk", "municipal", "aarhus");
    static final Target ODENSE = target("odense-dk", "www.odense.dk", "municipal", "odense");
    static final Target VEJLE = target("vejle-dk", "www.vejle.dk", "municipal", "vejle");
    static final Target TERMA = target("terma-com", "www.terma.com", "defence", "terma");
    static final List<Target> ALL = List.of(TRM, TRM_SEARCH, KK, AARHUS, ODENSE, VEJLE, TERMA);

    static final Duration W = Duration.ofHours(2);
    static final Rule.ClaimedAttack ATTACK = new Rule.ClaimedAttack("claimed-attack", new Matchers(List.of()),
            EnumSet.allOf(ClaimSource.class), W, List.of(), Severity.CRITICAL);
    static final Rule.ClaimedAttack ATTACK_ORG = new Rule.ClaimedAttack("claimed-attack-org",
            new Matchers(List.of()), EnumSet.allOf(ClaimSource.class), W, List.of("org"), Severity.CRITICAL);
    static final Rule.ClaimedNotObserved SILENT = new Rule.ClaimedNotObserved("claimed-not-observed",
            new Matchers(List.of()), EnumSet.of(ClaimSource.FEED, ClaimSource.WEBHOOK), Duration.ofHours(1),
            List.of("org"));
    static final Rule.Campaign CAMPAIGN = new Rule.Campaign("campaign", Matchers.parse("sector=~\".+\""),
            List.of("sector"), 3, Duration.ofMinutes(10), Severity.CRITICAL);

    static Target target(String id, String host, String sector, String org) {
        return new Target(id, id, HttpSpec.get(URI.create("https://" + host + "/")), Duration.ofSeconds(30),
                Duration.ofSeconds(5), DetectionSettings.DEFAULTS,
                Labels.of(Map.of("sector", sector, "org", org)), List.of(), List.of(), false);
    }

    static StoredClaim claim(long id, ClaimSource source, Instant claimedAt, Target... hits) {
        HostName host = new HostName(hits[0].host(), hits[0].host().replaceFirst("^www\\.", ""),
                Optional.empty(), false);
        List<ClaimMatch> matches = java.util.Arrays.stream(hits)
                .map(t -> new ClaimMatch(t.id(), host.host(), Match.Reason.HOST, "same host " + t.host())).toList();
        return new StoredClaim(id, new Claim(source, "noname-feed", "", "NoName057(16)", claimedAt, claimedAt,
                List.of(host), List.of(), List.of(), ""), matches);
    }

    static StateChanged change(Target t, TargetState from, TargetState to, Instant at) {
        return new StateChanged(at, t, from, to, null,
                to == TargetState.UP ? TestTargets.ok(t.id(), at, 80) : TestTargets.fail(t.id(), at));
    }

    static List<Finding> down(Correlator c, Target t, Instant at) {
        return c.onDetection(change(t, TargetState.UP, TargetState.DOWN, at));
    }

    static List<Finding> up(Correlator c, Target t, Instant at) {
        return c.onDetection(change(t, TargetState.DOWN, TargetState.UP, at));
    }

    static List<Finding> seen(Correlator c, StoredClaim claim, Instant now) {
        return c.onIntel(new IntelEvent.ClaimSeen(claim), now);
    }

    static Correlator with(Rule... rules) {
        return new Correlator(new CorrelationRules(List.of(rules)), ALL);
    }

    @Nested
    class ClaimedAttack {

        @Test
        void aClaimThenAnOutageWithinTheWindowIsAClaimedAttackWithANegativeLag() {
            Correlator c = with(ATTACK);
            StoredClaim claim = claim(1, ClaimSource.FEED, T, TRM);
            assertThat(seen(c, claim, T)).isEmpty();
            List<Finding> found = down(c, TRM, T.plus(W));
            assertThat(found).singleElement().isInstanceOfSatisfying(Finding.ClaimedAttack.class, f -> {
                assertThat(f.targetId()).isEqualTo("trm-dk");
                assertThat(f.claim()).isEqualTo(claim);
                assertThat(f.lag()).isEqualTo(W.negated());
                assertThat(f.outageStart()).isEqualTo(T.plus(W));
            });
        }

        @Test
        void anOutageOneSecondAfterTheWindowIsNot() {
            Correlator c = with(ATTACK);
            seen(c, claim(1, ClaimSource.FEED, T, TRM), T);
            assertThat(down(c, TRM, T.plus(W).plusSeconds(1))).isEmpty();
        }

        @Test
        void anOutageThenAClaimIsAClaimedAttackWithThePositiveLag() {
            Correlator c = with(ATTACK);
            assertThat(down(c, TRM, T)).isEmpty();
            List<Finding> found = seen(c, claim(1, ClaimSource.WEBHOOK, T.plusSeconds(600), TRM), T.plusSeconds(900));
            assertThat(found).singleElement().isInstanceOfSatisfying(Finding.ClaimedAttack.class, f -> {
                assertThat(f.lag()).isEqualTo(Duration.ofMinutes(10));
                assertThat(f.at()).isEqualTo(T.plusSeconds(900));
            });
        }

        @Test
        void anOutageThatEndedBeforeTheWindowIsNot_oneThatEndedInsideIs() {
            Correlator c = with(ATTACK);
            down(c, TRM, T);
            up(c, TRM, T.plusSeconds(60));
            assertThat(seen(c, claim(1, ClaimSource.FEED, T.plusSeconds(60).plus(W).plusSeconds(1), TRM),
                    T.plus(Duration.ofHours(3)))).isEmpty();
            assertThat(seen(c, claim(2, ClaimSource.FEED, T.plusSeconds(60).plus(W), TRM),
                    T.plus(Duration.ofHours(3)))).hasSize(1);
        }

        @Test
        void aClaimOnAnotherTargetIsNot_unlessTheRuleSaysTheSameOrgCounts() {
            StoredClaim onTrm = claim(1, ClaimSource.FEED, T, TRM);
            Correlator plain = with(ATTACK);
            seen(plain, onTrm, T);
            assertThat(down(plain, TRM_SEARCH, T.plusSeconds(60))).isEmpty();
            assertThat(down(plain, KK, T.plusSeconds(60))).isEmpty();

            Correlator org = with(ATTACK_ORG);
            seen(org, onTrm, T);
            assertThat(down(org, KK, T.plusSeconds(60))).isEmpty();
            assertThat(down(org, TRM_SEARCH, T.plusSeconds(60))).singleElement()
                    .isInstanceOfSatisfying(Finding.ClaimedAttack.class, f -> {
                        assertThat(f.targetId()).isEqualTo("trm-dk-search");
                        assertThat(f.match().targetId()).isEqualTo("trm-dk");
                    });
        }

        @Test
        void onlyTheRulesSourcesCount() {
            Rule.ClaimedAttack feedsOnly = new Rule.ClaimedAttack("feeds", new Matchers(List.of()),
                    Set.of(ClaimSource.FEED), W, List.of(), Severity.CRITICAL);
            Correlator c = with(feedsOnly);
            seen(c, claim(1, ClaimSource.TASK_LIST, T, TRM), T);
            assertThat(down(c, TRM, T.plusSeconds(60))).isEmpty();
        }

        @Test
        void onlyTargetsTheRuleAppliesTo() {
            Rule.ClaimedAttack municipal = new Rule.ClaimedAttack("municipal", Matchers.parse("sector=municipal"),
                    EnumSet.allOf(ClaimSource.class), W, List.of(), Severity.CRITICAL);
            Correlator c = with(municipal);
            seen(c, claim(1, ClaimSource.FEED, T, TRM), T);
            assertThat(down(c, TRM, T.plusSeconds(60))).isEmpty();
        }

        @Test
        void aClaimAndAnOutageAreReportedOnce() {
            Correlator c = with(ATTACK);
            StoredClaim claim = claim(1, ClaimSource.FEED, T, TRM);
            seen(c, claim, T);
            assertThat(down(c, TRM, T.plusSeconds(60))).hasSize(1);
            up(c, TRM, T.plusSeconds(120));
            assertThat(down(c, TRM, T.plusSeconds(180))).isEmpty();
        }
    }

    @Nested
    class ClaimedNotObserved {

        @Test
        void noOutageWithinTheWindowIsReportedWhenTheWindowHasPassed() {
            Correlator c = with(SILENT);
            StoredClaim claim = claim(1, ClaimSource.FEED, T, TERMA);
            assertThat(seen(c, claim, T)).isEmpty();
            assertThat(c.tick(T.plus(Duration.ofMinutes(59)))).isEmpty();
            assertThat(c.tick(T.plus(Duration.ofHours(1)))).singleElement()
                    .isInstanceOfSatisfying(Finding.ClaimedNotObserved.class, f -> {
                        assertThat(f.claim()).isEqualTo(claim);
                        assertThat(f.targets()).extracting(ClaimMatch::targetId).containsExactly("terma-com");
                        assertThat(f.at()).isEqualTo(T.plus(Duration.ofHours(1)));
                    });
            assertThat(c.tick(T.plus(Duration.ofHours(2)))).isEmpty();
        }

        @Test
        void anOutageJustInsideTheWindowAfterTheClaimMeansObserved() {
            Correlator c = with(SILENT);
            seen(c, claim(1, ClaimSource.FEED, T, TERMA), T);
            down(c, TERMA, T.plus(Duration.ofHours(1)));
            assertThat(c.tick(T.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void anOutageEndingJustInsideTheWindowBeforeTheClaimMeansObserved_oneSecondEarlierDoesNot() {
            Correlator inside = with(SILENT);
            down(inside, TERMA, T.minus(Duration.ofHours(2)));
            up(inside, TERMA, T.minus(Duration.ofHours(1)));
            seen(inside, claim(1, ClaimSource.FEED, T, TERMA), T);
            assertThat(inside.tick(T.plus(Duration.ofHours(1)))).isEmpty();

            Correlator outside = with(SILENT);
            down(outside, TERMA, T.minus(Duration.ofHours(2)));
            up(outside, TERMA, T.minus(Duration.ofHours(1)).minusSeconds(1));
            seen(outside, claim(1, ClaimSource.FEED, T, TERMA), T);
            assertThat(outside.tick(T.plus(Duration.ofHours(1)))).hasSize(1);
        }

        @Test
        void anOutageOfATargetOfTheSameOrgMeansObserved() {
            Correlator c = with(SILENT);
            seen(c, claim(1, ClaimSource.FEED, T, TRM), T);
            down(c, TRM_SEARCH, T.plusSeconds(30));
            assertThat(c.tick(T.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void claimsFromOtherSourcesAndClaimsHittingNoTargetAreNotJudged() {
            Correlator c = with(SILENT);
            seen(c, claim(1, ClaimSource.TASK_LIST, T, TERMA), T);
            StoredClaim none = new StoredClaim(2, claim(2, ClaimSource.FEED, T, TERMA).claim(), List.of());
            seen(c, none, T);
            assertThat(c.tick(T.plus(Duration.ofHours(2)))).isEmpty();
        }
    }

    @Nested
    class Campaign {

        @Test
        void theKthTargetDownWithinTStartsOneCampaignWithAllOfThem_laterOnesJoin() {
            Correlator c = with(CAMPAIGN);
            assertThat(down(c, KK, T)).isEmpty();
            assertThat(down(c, AARHUS, T.plusSeconds(300))).isEmpty();
            List<Finding> started = down(c, ODENSE, T.plusSeconds(600));
            assertThat(started).singleElement().isInstanceOfSatisfying(Finding.CampaignStarted.class, f -> {
                assertThat(f.key()).isEqualTo("campaign:campaign:sector=municipal");
                assertThat(f.labels()).isEqualTo(Labels.of(Map.of("sector", "municipal")));
                assertThat(f.members()).extracting(Finding.Member::targetId)
                        .containsExactly("kk-dk", "aarhus-dk", "odense-dk");
            });
            assertThat(down(c, VEJLE, T.plus(Duration.ofHours(1)))).singleElement()
                    .isInstanceOfSatisfying(Finding.CampaignJoined.class,
                            f -> assertThat(f.member().targetId()).isEqualTo("vejle-dk"));
        }

        @Test
        void theThirdOneSecondTooLateIsNoCampaign() {
            Correlator c = with(CAMPAIGN);
            down(c, KK, T);
            down(c, AARHUS, T.plusSeconds(300));
            assertThat(down(c, ODENSE, T.plusSeconds(601))).isEmpty();
        }

        @Test
        void differentLabelValuesAreDifferentGroups() {
            Correlator c = with(CAMPAIGN);
            down(c, KK, T);
            down(c, AARHUS, T);
            assertThat(down(c, TRM, T)).isEmpty();
            assertThat(down(c, TERMA, T)).isEmpty();
        }

        @Test
        void aTargetBackUpNoLongerCounts_andWhenAllAreBackTheCampaignIsOver() {
            Correlator c = with(CAMPAIGN);
            down(c, KK, T);
            up(c, KK, T.plusSeconds(60));
            down(c, AARHUS, T.plusSeconds(120));
            assertThat(down(c, ODENSE, T.plusSeconds(180))).isEmpty();
            assertThat(down(c, KK, T.plusSeconds(240))).hasSize(1);
            for (Target t : List.of(KK, AARHUS, ODENSE)) {
                up(c, t, T.plusSeconds(900));
            }
            assertThat(down(c, VEJLE, T.plusSeconds(960))).isEmpty();
        }

        @Test
        void aRestoredCampaignIsJoinedNotStartedAgain() {
            Correlator c = with(CAMPAIGN);
            c.restore(Map.of(), Map.of("campaign:campaign:sector=municipal", List.of("kk-dk", "aarhus-dk", "odense-dk")),
                    Set.of(), List.of(), T);
            assertThat(down(c, VEJLE, T)).singleElement().isInstanceOf(Finding.CampaignJoined.class);
        }

        @Test
        void sitesDownBeforeARestartStillFormTheCampaignWithTheNextOne() {
            Correlator c = with(CAMPAIGN);
            c.restoreDown(Map.of("kk-dk", T, "aarhus-dk", T.plusSeconds(60)));
            assertThat(down(c, ODENSE, T.plusSeconds(120))).singleElement()
                    .isInstanceOfSatisfying(Finding.CampaignStarted.class, f -> assertThat(f.members())
                            .extracting(Finding.Member::targetId).containsExactly("kk-dk", "aarhus-dk", "odense-dk"));
        }

        @Test
        void sitesDownBeforeARestartButOutsideTheWindowDoNotCount() {
            Correlator c = with(CAMPAIGN);
            c.restoreDown(Map.of("kk-dk", T, "aarhus-dk", T.plusSeconds(60)));
            assertThat(down(c, ODENSE, T.plusSeconds(3600))).isEmpty();
        }
    }

    @Nested
    class Inhibition {

        final Target cdn = new Target("cdn", "cdn", HttpSpec.get(URI.create("https://cdn.example.net/")),
                Duration.ofSeconds(30), Duration.ofSeconds(5), DetectionSettings.DEFAULTS,
                Labels.of(Map.of("role", "upstream", "provider", "acme")), List.of(), List.of(), false);
        final Rule.Inhibition rule = new Rule.Inhibition("upstream-down", Matchers.parse("role=upstream"),
                Matchers.parse("depends_on=cdn"), List.of("provider"));

        @Test
        void theSourceDownStartsItWithTheEqualLabelsAddedAndItsRecoveryEndsIt() {
            Correlator c = new Correlator(new CorrelationRules(List.of(rule)), List.of(cdn, KK));
            assertThat(c.onDetection(change(cdn, TargetState.UP, TargetState.DOWN, T))).singleElement()
                    .isInstanceOfSatisfying(Finding.InhibitionStarted.class, f -> {
                        assertThat(f.scope().toString()).isEqualTo("depends_on=\"cdn\", provider=\"acme\"");
                        assertThat(f.key()).isEqualTo("inhibition:upstream-down:cdn");
                    });
            assertThat(c.onDetection(change(cdn, TargetState.DOWN, TargetState.DEGRADED, T.plusSeconds(60))))
                    .singleElement().isInstanceOf(Finding.InhibitionEnded.class);
            assertThat(c.onDetection(change(cdn, TargetState.DEGRADED, TargetState.UP, T.plusSeconds(90)))).isEmpty();
        }

        @Test
        void otherTargetsDoNotStartIt() {
            Correlator c = new Correlator(new CorrelationRules(List.of(rule)), List.of(cdn, KK));
            assertThat(down(c, KK, T)).isEmpty();
        }

        @Test
        void aRestoredInhibitionIsEndedByTheSourcesRecovery() {
            Correlator c = new Correlator(new CorrelationRules(List.of(rule)), List.of(cdn, KK));
            c.restore(Map.of(), Map.of(), Set.of("inhibition:upstream-down:cdn"), List.of(), T);
            assertThat(c.onDetection(change(cdn, TargetState.DOWN, TargetState.UP, T))).singleElement()
                    .isInstanceOf(Finding.InhibitionEnded.class);
        }
    }

    @Nested
    class Tasked {

        final Rule.Tasked rule = new Rule.Tasked("tasked", Matchers.parse("sector=~\"government|municipal\""),
                Severity.INFO, new Rule.Tightening(Duration.ofSeconds(15), 2, true));

        TaskedTarget tasked(Target t) {
            return new TaskedTarget(t.id(), new ClaimMatch(t.id(), t.host(), Match.Reason.HOST, "same host"), Set.of("/"));
        }

        @Test
        void newlyTaskedTargetsTheRuleAppliesToAreOneFinding_untaskedAnother() {
            Correlator c = with(rule);
            List<Finding> found = c.onIntel(new IntelEvent.TaskingChanged(T, "ddosia",
                    List.of(tasked(TRM), tasked(KK), tasked(TERMA)), List.of(), List.of()), T);
            assertThat(found).singleElement().isInstanceOfSatisfying(Finding.Tasked.class, f -> {
                assertThat(f.targets()).extracting(TaskedTarget::targetId).containsExactly("trm-dk", "kk-dk");
                assertThat(f.source()).isEqualTo("ddosia");
                assertThat(f.tighten().interval()).isEqualTo(Duration.ofSeconds(15));
            });
            assertThat(c.onIntel(new IntelEvent.TaskingChanged(T, "ddosia", List.of(), List.of("kk-dk", "terma-com"),
                    List.of()), T)).singleElement().isInstanceOfSatisfying(Finding.Untasked.class,
                            f -> assertThat(f.targetIds()).containsExactly("kk-dk"));
        }
    }

    @Test
    void restoredOutagesAndClaimsAreCorrelatedAgain() {
        Correlator c = with(ATTACK);
        List<Finding> found = c.restore(Map.of("trm-dk", T), Map.of(), Set.of(),
                List.of(claim(1, ClaimSource.FEED, T.plusSeconds(60), TRM)), T.plusSeconds(120));
        assertThat(found).singleElement().isInstanceOf(Finding.ClaimedAttack.class);
    }
}
