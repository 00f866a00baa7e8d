package io.varde.notify;

import static io.varde.notify.DeliveryWorkerTest.T0;
import static io.varde.notify.DeliveryWorkerTest.message;
import static io.varde.notify.ScriptedNotifier.permanentFailure;
import static io.varde.notify.ScriptedNotifier.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the delivery worker tells its listener: sends, transient and permanent failures, rate-limit waits. */
class DeliveryListenerTest {

    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final ScriptedNotifier console = new ScriptedNotifier("console");
    private final ScriptedNotifier slack = new ScriptedNotifier("slack");
    private final List<String> heard = new ArrayList<>();

    private final DeliveryListener recording = new DeliveryListener() {
        @Override
        public void sent(String channel) {
            heard.add("sent " + channel);
        }

        @Override
        public void failed(String channel, boolean permanent) {
            heard.add((permanent ? "permanent " : "transient ") + channel);
        }

        @Override
        public void rateLimited(String channel, Duration waited) {
            heard.add("waited " + channel + " " + waited.toMillis() + "ms");
        }
    };

    private DeliveryWorker worker() {
        return new DeliveryWorker(store, List.of(console, slack), RateLimits.defaults(), Backoff.standard(),
                recording);
    }

    @Test
    void aDeliveryIsHeardAsSent() {
        store.add(message(1, 1, "console"));

        worker().runOnce(T0);

        assertThat(heard).containsExactly("sent console");
    }

    @Test
    void aTransientFailureIsHeardThenItsRetryAsSent() {
        console.then(transientFailure("HTTP 503", null));
        store.add(message(1, 1, "console"));
        DeliveryWorker worker = worker();

        worker.runOnce(T0);
        worker.runOnce(T0.plusSeconds(1));

        assertThat(heard).containsExactly("transient console", "sent console");
    }

    @Test
    void aPermanentFailureAndAChannelWithoutNotifierAreHeardAsPermanent() {
        slack.then(permanentFailure("channel_not_found"));
        store.add(message(1, 1, "slack:C1"));
        store.add(message(2, 1, "discord:42"));

        worker().runOnce(T0);

        assertThat(heard).containsExactlyInAnyOrder("permanent slack:C1", "permanent discord:42");
    }

    @Test
    void aRetryThatGivesUpIsHeardAsPermanent() {
        console.then(transientFailure("HTTP 503", Duration.ofDays(2)));
        store.add(message(1, 1, "console"));

        worker().runOnce(T0);

        assertThat(heard).containsExactly("permanent console");
    }

    @Test
    void aMessageHeldByTheRateLimitIsHeardOnceWithHowLongItWaited() {
        store.add(message(1, 1, "slack:C1"));
        store.add(message(2, 1, "slack:C1"));
        DeliveryWorker worker = worker();

        for (int ms = 0; ms <= 1500; ms += 250) {
            worker.runOnce(T0.plusMillis(ms));
        }

        assertThat(heard).as("the second message waits from 0 ms (held in the first pass) to 1000 ms")
                .containsExactly("sent slack:C1", "waited slack:C1 1000ms", "sent slack:C1");
    }

    @Test
    void aMessageFirstHeldLaterCountsOnlyItsOwnWait() {
        store.add(message(1, 1, "slack:C1"));
        DeliveryWorker worker = worker();
        worker.runOnce(T0);
        store.add(message(2, 1, "slack:C1"));

        worker.runOnce(T0.plusMillis(750));
        worker.runOnce(T0.plusMillis(1000));

        assertThat(heard).containsExactly("sent slack:C1", "waited slack:C1 250ms", "sent slack:C1");
    }

    @Test
    void withoutAListenerTheWorkerDeliversAsBefore() {
        store.add(message(1, 1, "console"));

        int delivered = new DeliveryWorker(store, List.of(console), RateLimits.defaults(), Backoff.standard())
                .runOnce(T0);

        assertThat(delivered).isEqualTo(1);
        assertThat(DeliveryListener.channelType("slack:C0123")).isEqualTo("slack");
        assertThat(DeliveryListener.channelType("console")).isEqualTo("console");
    }
}
