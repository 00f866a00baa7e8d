package io.varde.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.varde.incident.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The worker's own thread: delivers what is queued and survives failing passes. */
class DeliveryLoopTest {

    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final ScriptedNotifier console = new ScriptedNotifier("console");

    @Test
    void deliversWhatIsQueuedAfterAWakeAndKeepsGoingWhenAPassFails() throws InterruptedException {
        store.readFailures.set(3);
        try (DeliveryWorker worker = new DeliveryWorker(store, List.of(console),
                RateLimits.defaults(), Backoff.standard())) {
            worker.start(Clock.systemUTC());
            OutboxMessage first = store.add(DeliveryWorkerTest.message(1, 1, "console"));
            worker.wake();
            await(() -> store.sentKeys().contains(first.key()));

            OutboxMessage second = store.add(new OutboxMessage(0, 2, 1, "console",
                    first.card(), "opened", List.of(), Instant.now()));
            worker.wake();
            await(() -> store.sentKeys().contains(second.key()));
        }
        assertThat(store.readFailures.get()).isZero();
        assertThat(console.calls).hasSize(2);
    }

    @Test
    void theRunningLoopDrainsAnUnlimitedChannelInOnePass() throws InterruptedException {
        List<OutboxMessage> queued = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            queued.add(store.add(DeliveryWorkerTest.message(i, 1, "console")));
        }
        // Each reading of this clock is a millisecond later, as calls take time: the rate clock
        // of a channel starts when its call returned, which must not hold a channel without a limit.
        Clock ticking = new Clock() {
            private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(
                    DeliveryWorkerTest.T0.toEpochMilli());

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.incrementAndGet());
            }
        };
        try (DeliveryWorker worker = new DeliveryWorker(store, List.of(console),
                RateLimits.defaults(), Backoff.standard())) {
            worker.start(ticking);
            await(() -> store.sentKeys().size() == 20);
        }
        assertThat(queued).extracting(m -> store.entry(m.id()).sentAt).as("all sent in the pass of one instant")
                .containsOnly(store.entry(queued.get(0).id()).sentAt);
    }

    @Test
    void startingTwiceIsRefused() {
        try (DeliveryWorker worker = new DeliveryWorker(store, List.of(console),
                RateLimits.defaults(), Backoff.standard())) {
            worker.start(Clock.systemUTC());
            assertThatIllegalStateException()
                    .isThrownBy(() -> worker.start(Clock.systemUTC()));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 20 s for delivery").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
