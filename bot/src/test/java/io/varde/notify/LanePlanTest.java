package io.varde.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import io.varde.incident.OutboxMessage.Member;
import io.varde.incident.OutboxMessage.Pacing;
import io.varde.notify.OutboxStore.Pending;
import io.varde.notify.OutboxStore.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one lane sends, and what becomes of each of its messages. */
class LanePlanTest {

    static final Instant T0 = Instant.parse("2026-11-13T09:00:00Z");
    static final Duration EDITS = Duration.ofSeconds(5);

    private static Pending pending(int revision, String change, Pacing pacing, boolean cardShown) {
        OutboxMessage m = new OutboxMessage(revision, 7, revision, "slack:C1",
                Card.of("campaign r" + revision, Severity.CRITICAL, List.of()), change, List.of(), T0, 
                OutboxMessage.Priority.URGENT, pacing);
        return new Pending(m, 0, null, cardShown);
    }

    private static Pending now(int revision, String change) {
        return pending(revision, change, Pacing.now(T0), false);
    }

    private static Pending join(int revision, String site, Instant replyAt) {
        return pending(revision, site + " joined the campaign: DOWN: HTTP 503",
                new Pacing(null, replyAt, new Member(site, "DOWN"), false), false);
    }

    private static List<String> results(LanePlan plan) {
        return plan.settlements().stream().map(s -> "r" + s.id() + " " + s.result()).toList();
    }

    @Test
    void r2ToR9QueuedSendOnlyR9AndSupersedeTheRest() {
        List<Pending> lane = new ArrayList<>();
        for (int r = 2; r <= 9; r++) {
            lane.add(now(r, "change " + r));
        }

        LanePlan plan = LanePlan.of(lane, "C1", "ts-1", T0.plusSeconds(1), null, EDITS);

        assertThat(plan.delivery().message().revision()).isEqualTo(9);
        assertThat(plan.delivery().editCard()).isTrue();
        assertThat(plan.delivery().lines()).as("every change still told, in one reply")
                .containsExactly("change 2", "change 3", "change 4", "change 5", "change 6", "change 7",
                        "change 8", "change 9");
        assertThat(results(plan)).containsExactly("r2 SUPERSEDED", "r3 SUPERSEDED", "r4 SUPERSEDED",
                "r5 SUPERSEDED", "r6 SUPERSEDED", "r7 SUPERSEDED", "r8 SUPERSEDED", "r9 SENT");
        assertThat(plan.settlements().get(0).detail()).isEqualTo("superseded by r9, its line sent with it");
    }

    @Test
    void aLineMeantToGoAtOnceGoesWithItsCardEvenWhenQueuedAfterThePassBegan() {
        Instant queued = T0.plusMillis(40);
        OutboxMessage resolved = new OutboxMessage(2, 7, 2, "slack:C1", Card.of("resolved", Severity.CRITICAL,
                List.of()), "all targets are back UP: resolved", List.of(), queued, OutboxMessage.Priority.NORMAL);

        LanePlan plan = LanePlan.of(List.of(new Pending(resolved, 0, null, false)), "C1", "ts-1", T0, null, EDITS);

        assertThat(plan.delivery().lines()).containsExactly("all targets are back UP: resolved");
        assertThat(results(plan)).containsExactly("r2 SENT");
    }

    @Test
    void theFirstPostIsNeverSkipped() {
        LanePlan plan = LanePlan.of(List.of(now(1, "opened"), now(2, "s2 joined"), now(3, "s3 joined")), "C1",
                null, T0.plusSeconds(1), null, EDITS);

        assertThat(plan.delivery().message().revision()).isEqualTo(1);
        assertThat(plan.delivery().messageRef()).isNull();
        assertThat(results(plan)).containsExactly("r1 SENT");
    }

    @Test
    void aSiteRolledUpBeforeItWasAnnouncedIsWithdrawnNotPosted() {
        Pending rolledUp = pending(2, "s1 rolled up into campaign INC-9: resolved here",
                new Pacing(null, T0, null, true), false);

        LanePlan plan = LanePlan.of(List.of(now(1, "opened: s1 is DOWN"), rolledUp), "C1", null,
                T0.plusSeconds(31), null, EDITS);

        assertThat(plan.delivery()).isNull();
        assertThat(results(plan)).containsExactly("r1 SUPERSEDED", "r2 SUPERSEDED");
        assertThat(plan.settlements().get(0).detail())
                .isEqualTo("withdrawn before it was announced here: s1 rolled up into campaign INC-9: resolved here");
    }

    @Test
    void theSameRollUpWhereTheSiteWasPostedEditsItToResolved() {
        Pending rolledUp = pending(2, "s1 rolled up into campaign INC-9: resolved here",
                new Pacing(null, T0, null, true), false);

        LanePlan plan = LanePlan.of(List.of(rolledUp), "C1", "ts-1", T0.plusSeconds(31), null, EDITS);

        assertThat(plan.delivery().message().revision()).isEqualTo(2);
        assertThat(results(plan)).containsExactly("r2 SENT");
    }

    @Test
    void memberChangesOfOneSlotAreOneDigestAtItsEnd() {
        Instant slotEnd = T0.plusSeconds(30);
        List<Pending> lane = new ArrayList<>();
        for (int r = 2; r <= 13; r++) {
            lane.add(join(r, "s" + r, slotEnd));
        }

        LanePlan early = LanePlan.of(lane, "C1", "ts-1", T0.plusSeconds(10), null, EDITS);
        assertThat(early.delivery().message().revision()).as("the card is current at once").isEqualTo(13);
        assertThat(early.delivery().lines()).as("the digest waits for its slot").isEmpty();
        assertThat(early.settlements()).extracting(Settlement::result).containsOnly(Settlement.Result.SHOWN);

        List<Pending> shown = lane.stream().map(p -> new Pending(p.message(), 1, null, true)).toList();
        assertThat(LanePlan.of(shown, "C1", "ts-1", T0.plusSeconds(20), null, EDITS).waits()).isTrue();
        LanePlan digest = LanePlan.of(shown, "C1", "ts-1", slotEnd, T0.plusSeconds(10), EDITS);
        assertThat(digest.delivery().editCard()).as("the card is already current: a reply only").isFalse();
        assertThat(digest.delivery().lines())
                .containsExactly("12 more sites DOWN: s2, s3, s4, s5, s6, ... +7");
        assertThat(digest.settlements()).hasSize(12).extracting(Settlement::result)
                .containsOnly(Settlement.Result.SENT);
    }

    @Test
    void theResolutionTakesTheWaitingDigestAlongInOrder() {
        Instant slotEnd = T0.plusSeconds(30);
        Pending back = pending(2, "s2 is back UP", new Pacing(null, slotEnd, new Member("s2", "back UP"), false), true);
        Pending back3 = pending(3, "s3 is back UP", new Pacing(null, slotEnd, new Member("s3", "back UP"), false),
                true);
        Pending resolved = now(4, "all targets are back UP: resolved");

        LanePlan plan = LanePlan.of(List.of(back, back3, resolved), "C1", "ts-1", T0.plusSeconds(10), null, EDITS);

        assertThat(plan.delivery().lines()).containsExactly("2 sites back UP: s2, s3", "all targets are back UP: resolved");
        assertThat(results(plan)).containsExactly("r2 SENT", "r3 SENT", "r4 SENT");
    }

    @Test
    void oneMemberChangeInItsSlotKeepsItsOwnLine() {
        LanePlan plan = LanePlan.of(List.of(join(2, "s2", T0)), "C1", "ts-1", T0, null, EDITS);

        assertThat(plan.delivery().lines()).containsExactly("s2 joined the campaign: DOWN: HTTP 503");
    }

    @Test
    void memberChangesWaitForTheEditBudgetHumanActionsDoNot() {
        Instant lastSent = T0.plusSeconds(8);
        List<Pending> joins = List.of(join(2, "s2", T0), join(3, "s3", T0));

        assertThat(LanePlan.of(joins, "C1", "ts-1", T0.plusSeconds(10), lastSent, EDITS).waits()).isTrue();
        assertThat(LanePlan.of(joins, "C1", "ts-1", T0.plusSeconds(13), lastSent, EDITS).delivery().lines())
                .containsExactly("2 more sites DOWN: s2, s3");
        List<Pending> withAck = List.of(join(2, "s2", T0), now(3, "acknowledged by <@U1>"));
        assertThat(LanePlan.of(withAck, "C1", "ts-1", T0.plusSeconds(10), lastSent, EDITS).delivery().lines())
                .containsExactly("s2 joined the campaign: DOWN: HTTP 503", "acknowledged by <@U1>");
    }

    @Test
    void digestsSayWhatBecameOfTheSites() {
        assertThat(LanePlan.lines(List.of(
                pending(2, "a back", new Pacing(null, T0, new Member("a", "back UP"), false), false),
                pending(3, "b back", new Pacing(null, T0, new Member("b", "back UP"), false), false),
                now(4, "escalated to level 2"),
                pending(5, "c down", new Pacing(null, T0, new Member("c", "DOWN"), false), false))))
                .containsExactly("2 sites back UP: a, b", "escalated to level 2", "c down");
    }

    @Test
    void aHeldLaneWaits() {
        Pending held = pending(1, "opened", new Pacing(T0.plusSeconds(30), T0, null, false), false);

        assertThat(LanePlan.of(List.of(held), "C1", null, T0.plusSeconds(29), null, EDITS).waits()).isTrue();
        assertThat(LanePlan.of(List.of(held), "C1", null, T0.plusSeconds(30), null, EDITS).delivery()).isNotNull();
    }
}
