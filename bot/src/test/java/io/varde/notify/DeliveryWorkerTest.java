package io.varde.notify;

import static io.varde.notify.ScriptedNotifier.permanentFailure;
import static io.varde.notify.ScriptedNotifier.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Delivery walks on a hand-stepped clock: order per channel, retries, holds and rate limits. */
class DeliveryWorkerTest {

    static final Instant T0 = Instant.parse("2026-11-13T09:00:00Z");

    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final ScriptedNotifier console = new ScriptedNotifier("console");
    private final ScriptedNotifier slack = new ScriptedNotifier("slack");
    private final ScriptedNotifier webhook = new ScriptedNotifier("webhook");

    private DeliveryWorker worker(Backoff backoff) {
        return new DeliveryWorker(store, List.of(console, slack, webhook), RateLimits.defaults(),
                backoff);
    }

    private DeliveryWorker worker() {
        return worker(Backoff.standard());
    }

    static OutboxMessage message(long incident, int revision, String channel) {
        return new OutboxMessage(0, incident, revision, channel,
                Card.of("site is DOWN", Severity.CRITICAL, List.of()), "opened", List.of(), T0);
    }

    private OutboxMessage queue(long incident, int revision, String channel) {
        return store.add(message(incident, revision, channel));
    }

    /** Queues a message of an urgent incident (a campaign's summary). */
    private OutboxMessage queueUrgent(long incident, int revision, String channel) {
        OutboxMessage m = message(incident, revision, channel);
        return store.add(new OutboxMessage(0, m.incident(), m.revision(), m.channel(), m.card(),
                m.change(), m.mentions(), m.createdAt(), OutboxMessage.Priority.URGENT));
    }

    /** Runs a pass every 250 ms from {@code from} to {@code to}, both included. */
    private static void walk(DeliveryWorker worker, Instant from, Instant to) {
        for (Instant now = from; !now.isAfter(to); now = now.plusMillis(250)) {
            worker.runOnce(now);
        }
    }

    private static List<String> keys(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::key).toList();
    }

    @Test
    void aCampaignSummaryGoesNextInsteadOfWaitingBehindTwentySiteAlerts() {
        List<OutboxMessage> sites = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> queue(i, 1, "slack:C1")).toList();
        DeliveryWorker worker = worker();
        walk(worker, T0, T0.plusMillis(1500));
        int sentBefore = slack.calls.size();

        OutboxMessage campaign = queueUrgent(100, 1, "slack:C1");
        walk(worker, T0.plusMillis(1750), T0.plusSeconds(30));

        assertThat(sentBefore).as("site alerts already sent at one per second").isEqualTo(2);
        assertThat(slack.calledKeys().get(sentBefore)).as("the next send after it was queued")
                .isEqualTo(campaign.key());
        assertThat(store.entry(campaign.id()).sentAt).isEqualTo(T0.plusSeconds(2));
        List<String> expected = new ArrayList<>(keys(sites));
        expected.add(sentBefore, campaign.key());
        assertThat(store.sentKeys()).as("every message delivered, the sites in their order")
                .containsExactlyElementsOf(expected);
        assertThat(slack.calls).as("one send per second still").hasSize(21);
        assertThat(store.entry(sites.get(19).id()).sentAt).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void anIncidentsPostPrecedesItsEditsAndUrgentAndNormalIncidentsTakeTurns() {
        OutboxMessage sitePost = queue(1, 1, "slack:C1");
        OutboxMessage otherSite = queue(2, 1, "slack:C1");
        OutboxMessage campaignPost = queueUrgent(9, 1, "slack:C1");
        OutboxMessage siteEdit = queue(1, 2, "slack:C1");
        OutboxMessage campaignEdit = queueUrgent(9, 2, "slack:C1");
        slack.then(transientFailure("HTTP 503", null));
        DeliveryWorker worker = worker();

        walk(worker, T0, T0.plusSeconds(10));

        assertThat(slack.calledKeys()).as("the campaign's post is retried before its edit goes; a normal "
                        + "incident gets every other turn, so neither kind starves the other")
                .containsExactly(campaignPost.key(), sitePost.key(), campaignPost.key(), otherSite.key(),
                        campaignEdit.key(), siteEdit.key());
        assertThat(slack.calls).extracting(Delivery::messageRef)
                .containsExactly(null, null, null, null, "slack-ref-2", "slack-ref-1");
        assertThat(store.entry(otherSite.id()).status).isEqualTo("sent");
    }

    @Test
    void aRetryAfterOnANormalMessageHoldsTheUrgentOneTooUntilTheWaitHasPassed() {
        slack.then(transientFailure("HTTP 429", Duration.ofSeconds(7)));
        OutboxMessage site = queue(1, 1, "slack:C1");
        DeliveryWorker worker = worker();
        worker.runOnce(T0);

        OutboxMessage campaign = queueUrgent(9, 1, "slack:C1");
        OutboxMessage elsewhere = queueUrgent(9, 1, "slack:C2");
        walk(worker, T0.plusMillis(250), T0.plusMillis(6750));

        assertThat(slack.calledKeys()).as("only the other channel went on during the wait")
                .containsExactly(site.key(), elsewhere.key());
        walk(worker, T0.plusSeconds(7), T0.plusSeconds(10));
        assertThat(store.entry(campaign.id()).sentAt).isEqualTo(T0.plusSeconds(7));
        assertThat(store.entry(site.id()).sentAt).isEqualTo(T0.plusSeconds(8));
        assertThat(store.entry(site.id()).attempts).isEqualTo(2);
        assertThat(store.sentKeys()).containsExactly(elsewhere.key(), campaign.key(), site.key());
    }

    @Test
    void aTransientFailureIsRetriedAfterTheBackoffAndDeliveredOnceInOrder() {
        console.then(transientFailure("HTTP 503", null));
        OutboxMessage first = queue(1, 1, "console");
        OutboxMessage second = queue(2, 1, "console");
        DeliveryWorker worker = worker();

        assertThat(worker.runOnce(T0)).isZero();
        assertThat(store.entry(first.id()).notBefore).isEqualTo(T0.plusSeconds(1));
        assertThat(store.entry(first.id()).error).isEqualTo("HTTP 503");
        assertThat(worker.runOnce(T0.plusMillis(999))).isZero();
        assertThat(console.calledKeys()).containsExactly(first.key());

        assertThat(worker.runOnce(T0.plusSeconds(1))).isEqualTo(2);
        assertThat(store.sentKeys()).containsExactly(first.key(), second.key());
        assertThat(console.calledKeys()).containsExactly(first.key(), first.key(), second.key());
        assertThat(store.entry(first.id()).attempts).isEqualTo(2);
        assertThat(worker.runOnce(T0.plusSeconds(10))).isZero();
    }

    @Test
    void backoffDoublesBetweenConsecutiveFailures() {
        console.then(transientFailure("down", null)).then(transientFailure("down", null))
                .then(transientFailure("down", null));
        OutboxMessage m = queue(1, 1, "console");
        DeliveryWorker worker = worker();

        worker.runOnce(T0);
        worker.runOnce(T0.plusSeconds(1));
        worker.runOnce(T0.plusSeconds(3));
        assertThat(store.entry(m.id()).notBefore).isEqualTo(T0.plusSeconds(7));
        assertThat(worker.runOnce(T0.plusSeconds(6))).isZero();
        assertThat(worker.runOnce(T0.plusSeconds(7))).isEqualTo(1);
        assertThat(store.entry(m.id()).attempts).isEqualTo(4);
    }

    @Test
    void aPermanentFailureIsRecordedAndHoldsNothingBack() {
        console.then(permanentFailure("channel_not_found"));
        OutboxMessage bad = queue(1, 1, "console");
        OutboxMessage sameChannel = queue(2, 1, "console");
        OutboxMessage otherChannel = queue(3, 1, "slack:C1");

        assertThat(worker().runOnce(T0)).isEqualTo(2);

        assertThat(store.entry(bad.id()).status).isEqualTo("failed");
        assertThat(store.entry(bad.id()).error).isEqualTo("channel_not_found");
        assertThat(store.sentKeys()).as("order is kept per channel, not across channels")
                .containsExactlyInAnyOrder(sameChannel.key(), otherChannel.key());
    }

    @Test
    void aNotifierCrashCountsAsTransient() {
        console.then(d -> {
            throw new IllegalStateException("POST https://hooks.example/T0?token=s3cret failed");
        });
        OutboxMessage m = queue(1, 1, "console");
        DeliveryWorker worker = worker();

        assertThat(worker.runOnce(T0)).isZero();
        assertThat(store.entry(m.id()).status).isEqualTo("pending");
        assertThat(store.entry(m.id()).error)
                .isEqualTo("notifier error: java.lang.IllegalStateException");
        assertThat(worker.runOnce(T0.plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void retryAfterHoldsTheWholeChannelUntilThenWhileOthersGoOn() {
        webhook.then(transientFailure("HTTP 429", Duration.ofSeconds(7)));
        OutboxMessage first = queue(1, 1, "webhook:duty");
        OutboxMessage second = queue(2, 1, "webhook:duty");
        OutboxMessage elsewhere = queue(3, 1, "console");
        DeliveryWorker worker = worker();

        assertThat(worker.runOnce(T0)).isEqualTo(1);
        assertThat(store.sentKeys()).containsExactly(elsewhere.key());
        assertThat(worker.runOnce(T0.plusSeconds(1))).isZero();
        assertThat(worker.runOnce(T0.plusMillis(6999))).isZero();
        assertThat(webhook.calledKeys()).containsExactly(first.key());

        assertThat(worker.runOnce(T0.plusSeconds(7))).isEqualTo(2);
        assertThat(store.sentKeys()).containsExactly(elsewhere.key(), first.key(), second.key());
    }

    @Test
    void aSlackChannelGetsOneMessagePerSecondWhileTheConsoleGoesAtOnce() {
        List<OutboxMessage> toSlack = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> queue(i, 1, "slack:C1")).toList();
        List<OutboxMessage> toConsole = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> queue(i, 1, "console")).toList();
        DeliveryWorker worker = worker();

        List<Integer> perStep = new ArrayList<>();
        for (int ms = 0; ms <= 5000; ms += 250) {
            perStep.add(worker.runOnce(T0.plusMillis(ms)));
        }

        assertThat(perStep.get(0)).isEqualTo(6);
        assertThat(perStep.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        assertThat(toConsole).allSatisfy(m -> assertThat(store.entry(m.id()).sentAt).isEqualTo(T0));
        assertThat(toSlack).extracting(m -> store.entry(m.id()).sentAt).containsExactly(
                T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(slack.calledKeys()).containsExactlyElementsOf(
                toSlack.stream().map(OutboxMessage::key).toList());
    }

    @Test
    void aLaterRevisionEditsTheMessageTheFirstOnePosted() {
        OutboxMessage r1 = queue(3, 1, "slack:C1");
        OutboxMessage r2 = queue(3, 2, "slack:C1");
        OutboxMessage otherIncident = queue(4, 1, "slack:C1");
        DeliveryWorker worker = worker();

        worker.runOnce(T0);
        worker.runOnce(T0.plusSeconds(1));
        worker.runOnce(T0.plusSeconds(2));

        assertThat(slack.calls).extracting(Delivery::key)
                .containsExactly(r1.key(), r2.key(), otherIncident.key());
        assertThat(slack.calls).extracting(Delivery::messageRef)
                .containsExactly(null, "slack-ref-1", null);
        assertThat(slack.calls).extracting(Delivery::destination).containsOnly("C1");
    }

    @Test
    void aChannelWithoutANotifierFailsForGood() {
        OutboxMessage m = queue(1, 1, "discord:42");

        assertThat(worker().runOnce(T0)).isZero();

        assertThat(store.entry(m.id()).status).isEqualTo("failed");
        assertThat(store.entry(m.id()).error).isEqualTo("no notifier for discord");
    }

    @Test
    void retriesStopAtTheBoundAndSaySo() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1));
        ScriptedNotifier alwaysDown = new ScriptedNotifier("webhook");
        for (int i = 0; i < 100; i++) {
            alwaysDown.then(transientFailure("HTTP 502", null));
        }
        DeliveryWorker worker = new DeliveryWorker(store, List.of(alwaysDown),
                RateLimits.defaults(), backoff);
        OutboxMessage m = queue(1, 1, "webhook:duty");

        Instant now = T0;
        for (int step = 0; step < 100 && store.entry(m.id()).status.equals("pending"); step++) {
            worker.runOnce(now);
            if (store.entry(m.id()).notBefore != null) {
                now = store.entry(m.id()).notBefore;
            }
        }

        InMemoryOutboxStore.Entry e = store.entry(m.id());
        assertThat(e.status).isEqualTo("failed");
        assertThat(e.error).isEqualTo(
                "gave up: no delivery within 1h of queueing, last error: HTTP 502");
        assertThat(e.notBefore).isBeforeOrEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(alwaysDown.calls).hasSize(e.attempts).hasSizeLessThan(30);
        worker.runOnce(T0.plus(Duration.ofDays(2)));
        assertThat(alwaysDown.calls).hasSize(e.attempts);
    }
    @Test
    void aRunOf429sIsRetriedAfterExactlyTheRetryAfterEachTimeNotAfterAGrowingBackoff() {
        for (int i = 0; i < 4; i++) {
            slack.then(transientFailure("HTTP 429", Duration.ofSeconds(5)));
        }
        OutboxMessage m = queue(1, 1, "slack:C1");
        DeliveryWorker worker = worker();

        List<Instant> holds = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 4; i++) {
            worker.runOnce(now);
            now = store.entry(m.id()).notBefore;
            holds.add(now);
        }
        worker.runOnce(now);

        assertThat(holds).containsExactly(T0.plusSeconds(5), T0.plusSeconds(10), T0.plusSeconds(15),
                T0.plusSeconds(20));
        assertThat(store.entry(m.id()).status).isEqualTo("sent");
        assertThat(slack.calls).hasSize(5);
    }

    @Test
    void afterALongOutageTheNextTryComesWithin30SecondsOfThePlatformBeingBack() {
        Instant back = T0.plusSeconds(400);
        Instant[] now = {T0};
        ScriptedNotifier down = new ScriptedNotifier("slack");
        for (int i = 0; i < 10_000; i++) {
            down.then(d -> {
                if (now[0].isBefore(back)) {
                    throw DeliveryException.transientFailure("slack chat.postMessage: HTTP 503", null, null);
                }
                return "ts-1";
            });
        }
        DeliveryWorker worker = new DeliveryWorker(store, List.of(down), RateLimits.defaults(), Backoff.standard());
        OutboxMessage m = queue(1, 1, "slack:C1");

        for (; !now[0].isAfter(back.plusSeconds(60)); now[0] = now[0].plusMillis(250)) {
            worker.runOnce(now[0]);
        }

        Instant sentAt = store.entry(m.id()).sentAt;
        assertThat(sentAt).isAfterOrEqualTo(back);
        assertThat(Duration.between(back, sentAt)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(down.calls).hasSizeLessThan(40);
    }
}
