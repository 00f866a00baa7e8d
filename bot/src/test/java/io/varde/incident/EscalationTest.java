package io.varde.incident;

import static io.varde.incident.IncidentFixture.ALICE;
import static io.varde.incident.IncidentFixture.BOB;
import static io.varde.incident.IncidentFixture.BORGER;
import static io.varde.incident.IncidentFixture.KK;
import static io.varde.incident.IncidentFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Escalation on a fixed clock. The municipal route uses policy "standard": level 1 at once
 * (console), level 2 after 10 minutes (mention the leads), level 3 after 30 more (webhook:duty).
 */
class EscalationTest {

    private final IncidentFixture f = new IncidentFixture(IncidentFixture.config(List.of(), null));

    @Test
    void anUnacknowledgedIncidentClimbsEachLevelOnceWhenDue() {
        f.down(KK, "0s");
        Incident opened = f.incident(1);
        assertThat(opened.escalationLevel()).isEqualTo(1);
        assertThat(opened.nextEscalationAt()).isEqualTo(at("10m"));
        assertThat(f.sent()).containsExactly("INC-1/slack:C0MUNI/r1", "INC-1/console/r1");

        assertThat(f.service.sweep(at("9m59s"))).isZero();
        assertThat(f.service.sweep(at("10m"))).isEqualTo(1);
        assertThat(f.service.sweep(at("10m"))).as("a second sweep at the same time").isZero();
        assertThat(f.service.sweep(at("10m30s"))).isZero();

        Incident level2 = f.incident(1);
        assertThat(level2.escalationLevel()).isEqualTo(2);
        assertThat(level2.nextEscalationAt()).isEqualTo(at("40m"));
        assertThat(f.last().mentions()).containsExactly("slack-group:S0LEADS");
        assertThat(f.last().change()).isEqualTo("escalated to level 2: unacknowledged for 10m");

        assertThat(f.service.sweep(at("40m"))).isEqualTo(1);
        assertThat(f.incident(1).escalationLevel()).isEqualTo(3);
        assertThat(f.incident(1).nextEscalationAt()).isNull();
        assertThat(f.sent()).endsWith("INC-1/slack:C0MUNI/r3", "INC-1/console/r3", "INC-1/webhook:duty/r3");

        assertThat(f.service.sweep(at("5h"))).isZero();
        assertThat(f.actions(1)).containsExactly(TimelineAction.OPENED, TimelineAction.ESCALATED,
                TimelineAction.ESCALATED);
    }

    @Test
    void acknowledgingStopsTheClock() {
        f.down(KK, "0s");
        ActionResult ack = f.service.ack(1, BOB, at("9m"));

        assertThat(ack.message()).isEqualTo("INC-1 acknowledged: escalation and reminders stopped");
        assertThat(f.incident(1).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(f.incident(1).acknowledgedBy()).isEqualTo(BOB);
        assertThat(f.incident(1).nextEscalationAt()).isNull();
        assertThat(f.service.sweep(at("2h"))).isZero();
        assertThat(f.incident(1).escalationLevel()).isEqualTo(1);
        assertThat(f.service.ack(1, ALICE, at("10m")).message())
                .isEqualTo("INC-1 was already acknowledged by bob (discord) at 2025-11-13 08:09 UTC");
    }

    @Test
    void aLeadEscalatesAtOnceToTheNextOrAGivenLevel() {
        f.down(KK, "0s");
        ActionResult next = f.service.escalate(1, OptionalInt.empty(), "ministry called", ALICE, at("2m"));
        assertThat(next.message()).isEqualTo("INC-1 escalated to level 2 of standard");
        assertThat(f.incident(1).nextEscalationAt()).isEqualTo(at("32m"));
        assertThat(f.service.timeline(1).get(1).text())
                .isEqualTo("escalated to level 2 by alice (slack): ministry called");

        assertThat(f.service.escalate(1, OptionalInt.of(2), "", ALICE, at("3m")).message())
                .isEqualTo("INC-1 is already at level 2");
        assertThat(f.service.escalate(1, OptionalInt.of(4), "", ALICE, at("3m")).message())
                .isEqualTo("policy standard has 3 levels");
        assertThat(f.service.escalate(1, OptionalInt.of(3), "", ALICE, at("3m")).ok()).isTrue();
        assertThat(f.service.escalate(1, OptionalInt.empty(), "", ALICE, at("4m")).message())
                .isEqualTo("INC-1 is already at the last level (3) of policy standard");
        assertThat(f.service.sweep(at("2h"))).isZero();
    }

    @Test
    void anIncidentWithoutAPolicyCannotBeEscalated() {
        f.down(BORGER, "0s");
        assertThat(f.service.escalate(1, OptionalInt.empty(), "", ALICE, at("1m")).message())
                .isEqualTo("INC-1 has no escalation policy (route default)");
    }

    @Test
    void aResolvedIncidentStopsEscalatingAndCannotBeActedOn() {
        f.down(KK, "0s");
        ActionResult resolved = f.service.resolve(1, "false alarm", ALICE, at("5m"));

        assertThat(resolved.message()).isEqualTo("INC-1 resolved; 1 of its targets still failing"
                + " (a new incident opens when one fails again after recovering)");
        assertThat(f.service.sweep(at("1h"))).isZero();
        assertThat(f.service.ack(1, BOB, at("6m")).message()).isEqualTo("INC-1 is already resolved");
        assertThat(f.service.timeline(1).get(1).text()).isEqualTo("resolved by alice (slack): false alarm");
    }

    @Test
    void remindersRepeatWhileOpenAndUnacknowledged() {
        IncidentFixture r = new IncidentFixture(IncidentFixture.config(List.of(), Duration.ofHours(1)));
        r.down(BORGER, "0s");

        assertThat(r.service.sweep(at("59m"))).isZero();
        assertThat(r.service.sweep(at("1h"))).isEqualTo(1);
        assertThat(r.last().change()).isEqualTo("reminder: still open and unacknowledged after 1h");
        assertThat(r.incident(1).nextReminderAt()).isEqualTo(at("2h"));
        r.service.ack(1, BOB, at("90m"));
        assertThat(r.service.sweep(at("3h"))).isZero();
    }

    @Test
    void aDeniedAttemptIsWrittenToTheTimeline() {
        f.down(KK, "0s");
        f.service.denied(1, BOB, "mute INC-1 1h", Role.LEAD, at("1m"));

        TimelineEntry denied = f.service.timeline(1).get(1);
        assertThat(denied.action()).isEqualTo(TimelineAction.DENIED);
        assertThat(denied.actor()).isEqualTo(BOB);
        assertThat(denied.text()).isEqualTo("bob (discord) tried \"mute INC-1 1h\": needs role lead");
    }
}
