package io.varde.notify;

import io.varde.core.Durations;
import io.varde.incident.OutboxMessage;
import io.varde.notify.OutboxStore.Pending;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the durable outbox through the notifiers: each incident's messages strictly in order,
 * and in a channel, the messages of urgent incidents (a campaign, lost connectivity) before
 * those of others.
 * <p>
 * {@link #runOnce} is one pass driven by the caller's clock. Per channel, the store names one
 * head ({@link OutboxStore#heads()}, chosen by {@link ChannelHeads}): among the next messages of
 * the incidents queued there, the oldest urgent one, or else the oldest one. So an incident's
 * post always precedes its edits, and a campaign's summary waits behind at most the send in
 * progress, never behind the per-site alerts queued before it. While the channel is held (the
 * head's {@code notBefore}: the latest hold of any of the channel's incidents, e.g. after a
 * Retry-After) or the channel's {@link RateLimits rate limit} has not passed since its last call
 * (failed calls count: the platform counted them too), nothing goes to that channel, and other
 * channels go on. A transient failure reschedules the message ({@link Backoff}, or the
 * platform's Retry-After if longer) and so holds its whole channel, whichever message is chosen
 * next; a permanent failure is recorded and the channel goes on with its next message. A message
 * whose next attempt would fall after the backoff's give-up bound fails for good instead, saying
 * so. Nothing is dropped: a normal message waits while urgent ones go, but every message is
 * sent or fails for a stated reason.
 * <p>
 * The hold is stored on the message that failed ({@code notBefore}), so it survives a restart;
 * the rate-limit clocks are kept in memory only. Delivery is at least once: a crash between a send
 * and its record sends it again, with the same idempotency key.
 * <p>
 * {@link #start} runs passes on a daemon thread about every 250 ms, and at once after {@link
 * #wake}. Passes are serialized, so a direct {@code runOnce} never overlaps the loop's. A {@link
 * DeliveryListener} hears every send, failure and rate-limit wait (for metrics).
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    static final long TICK_MILLIS = 250;
    /** Messages sent or failed per pass at most; a larger backlog drains over several passes. */
    static final int BATCH = 1000;
    private static final long CLOSE_WAIT_MILLIS = 15_000;

    private enum Outcome { DELIVERED, RETRY, FAILED }

    private final OutboxStore store;
    private final Map<String, Notifier> notifiers = new HashMap<>();
    private final RateLimits rateLimits;
    private final Backoff backoff;
    /** When each channel was last sent to, for its rate limit; guarded by {@code this}. */
    private final Map<String, Instant> lastSend = new HashMap<>();
    /** Since when each channel's head has been held by its rate limit; guarded by {@code this}. */
    private final Map<String, Held> rateHeld = new HashMap<>();
    private final DeliveryListener listener;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicReference<Thread> thread = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * @param notifiers one per channel prefix, keyed by {@link Notifier#name()}
     * @throws IllegalArgumentException when two notifiers have the same name
     */
    public DeliveryWorker(OutboxStore store, Collection<? extends Notifier> notifiers,
                          RateLimits rateLimits, Backoff backoff) {
        this(store, notifiers, rateLimits, backoff, DeliveryListener.NONE);
    }

    /**
     * As above, telling {@code listener} of every outcome.
     *
     * @throws IllegalArgumentException when two notifiers have the same name
     */
    public DeliveryWorker(OutboxStore store, Collection<? extends Notifier> notifiers,
                          RateLimits rateLimits, Backoff backoff, DeliveryListener listener) {
        this.store = store;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.rateLimits = rateLimits;
        this.backoff = backoff;
        for (Notifier n : notifiers) {
            if (this.notifiers.putIfAbsent(n.name(), n) != null) {
                throw new IllegalArgumentException("two notifiers named " + n.name());
            }
        }
    }

    /**
     * One pass as of {@code now}: reads the head of each channel, sends those that are due, and
     * reads the heads again while that made progress (a channel without a rate limit drains in
     * one pass). Each read costs a row per channel and incident with pending messages, however
     * long the backlog.
     *
     * @return how many messages were delivered
     */
    public synchronized int runOnce(Instant now) {
        int delivered = 0;
        int done = 0;
        boolean progress;
        do {
            progress = false;
            for (Pending head : store.heads()) {
                if (!due(head, now)) {
                    continue;
                }
                Outcome outcome = attempt(head, now);
                if (outcome != Outcome.RETRY) {
                    progress = true;
                    done++;
                    delivered += outcome == Outcome.DELIVERED ? 1 : 0;
                }
            }
        } while (progress && done < BATCH);
        return delivered;
    }

    private boolean due(Pending p, Instant now) {
        if (p.notBefore() != null && p.notBefore().isAfter(now)) {
            return false;
        }
        String channel = p.message().channel();
        Instant last = lastSend.get(channel);
        if (last == null || !last.plus(rateLimits.intervalFor(channel)).isAfter(now)) {
            return true;
        }
        Held held = rateHeld.get(channel);
        if (held == null || held.id() != p.message().id()) {
            rateHeld.put(channel, new Held(p.message().id(), now));
        }
        return false;
    }

    /** A head held back by its channel's rate limit since {@code since}. */
    private record Held(long id, Instant since) {
    }

    private Outcome attempt(Pending p, Instant now) {
        OutboxMessage m = p.message();
        int attempts = p.attempts() + 1;
        String prefix = Channels.prefix(m.channel());
        Notifier notifier = notifiers.get(prefix);
        if (notifier == null) {
            return fail(m, now, attempts, "no notifier for " + prefix);
        }
        String ref = store.messageRef(m.incident(), m.channel()).orElse(null);
        Held held = rateHeld.remove(m.channel());
        if (held != null && held.id() == m.id()) {
            listener.rateLimited(m.channel(), Duration.between(held.since(), now));
        }
        lastSend.put(m.channel(), now);
        String newRef;
        try {
            newRef = notifier.send(new Delivery(m, Channels.destination(m.channel()), ref));
        } catch (DeliveryException e) {
            return e.permanent()
                    ? fail(m, now, attempts, describe(e))
                    : retry(m, now, attempts, describe(e), e.retryAfter());
        } catch (RuntimeException e) {
            // A bug or an unclassified I/O error; its text may quote a URL with a token, so only
            // its type is stored and logged (the stack trace goes to debug).
            LOG.debug("event=notifier_crashed channel={} key={}", m.channel(), m.key(), e);
            return retry(m, now, attempts, "notifier error: " + e.getClass().getName(), null);
        }
        store.sent(m.id(), now, attempts, newRef);
        listener.sent(m.channel());
        LOG.info("event=delivered channel={} key={} attempts={}", m.channel(), m.key(), attempts);
        return Outcome.DELIVERED;
    }

    private Outcome retry(OutboxMessage m, Instant now, int attempts, String error,
                          Duration retryAfter) {
        Duration wait = backoff.delay(attempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Instant next = now.plus(wait);
        if (next.isAfter(backoff.deadline(m.createdAt()))) {
            return fail(m, now, attempts, "gave up: no delivery within "
                    + Durations.format(backoff.giveUpAfter()) + " of queueing, last error: " + error);
        }
        store.retry(m.id(), now, attempts, next, error);
        listener.failed(m.channel(), false);
        LOG.info("event=retry channel={} key={} attempts={} next={} error=\"{}\"",
                m.channel(), m.key(), attempts, next, error);
        return Outcome.RETRY;
    }

    private Outcome fail(OutboxMessage m, Instant now, int attempts, String error) {
        store.failed(m.id(), now, attempts, error);
        listener.failed(m.channel(), true);
        LOG.warn("event=failed channel={} key={} attempts={} error=\"{}\"",
                m.channel(), m.key(), attempts, error);
        return Outcome.FAILED;
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Channels whose head (the message they wait on) has failed at least once and was queued more than
     * {@code after} before {@code now} (a platform down, a token revoked), each as
     * {@code "slack:C0OPS (3 attempts since 2025-11-13T09:00:00Z)"}: what {@code /readyz} reports.
     */
    public List<String> stuck(Instant now, Duration after) {
        return store.heads().stream()
                .filter(p -> p.attempts() > 0 && p.message().createdAt().plus(after).isBefore(now))
                .map(p -> p.message().channel() + " (" + p.attempts() + " attempts since " + p.message().createdAt() + ")")
                .toList();
    }

    /**
     * Starts passes on a daemon thread named {@code varde-delivery}, reading time from
     * {@code clock}. A pass that throws (say the database is unreachable) is logged and the loop
     * goes on.
     *
     * @throws IllegalStateException when already started
     */
    public void start(Clock clock) {
        Thread t = new Thread(() -> loop(clock), "varde-delivery");
        t.setDaemon(true);
        if (!thread.compareAndSet(null, t)) {
            throw new IllegalStateException("delivery worker already started");
        }
        t.start();
    }

    /** Runs a pass soon instead of at the next tick, e.g. right after a message was queued. */
    public void wake() {
        wakeUp.release();
    }

    private void loop(Clock clock) {
        while (!closed) {
            try {
                runOnce(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("event=delivery_pass_failed error=\"{}: {}\"", e.getClass().getSimpleName(),
                        describe(e));
                LOG.debug("event=delivery_pass_failed", e);
            }
            try {
                wakeUp.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Stops the loop: lets a send in progress finish (up to 15 s, more than a notifier's own
     * timeout), then interrupts it.
     */
    @Override
    public void close() {
        closed = true;
        wake();
        Thread t = thread.get();
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(CLOSE_WAIT_MILLIS);
            if (t.isAlive()) {
                t.interrupt();
                t.join(CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
