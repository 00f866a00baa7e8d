package io.varde.notify;

import io.varde.core.Durations;
import io.varde.incident.OutboxMessage;
import io.varde.notify.OutboxStore.Pending;
import io.varde.notify.OutboxStore.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the durable outbox through the notifiers: each incident's messages in order, its
 * queued revisions coalesced, and in a channel, urgent incidents (a campaign, lost connectivity)
 * and normal ones taking turns.
 * <p>
 * {@link #runOnce} is one pass driven by the caller's clock. Per channel, the store names up to
 * two candidates ({@link OutboxStore#heads}, chosen by {@link ChannelHeads}): the oldest due
 * message of an urgent incident and of a normal one. When both wait, the kind that did not go
 * last is tried first. A candidate stands for its lane (its incident's pending messages in the
 * channel), which {@link LanePlan} turns into one delivery: the first post alone, or the newest
 * card as one edit with the lines due, or a withdrawal (a site rolled up before it was
 * announced), or nothing yet (the edit budget, a digest slot not over), in which case the other
 * candidate is tried. While the channel is held (the candidates' {@code notBefore}: the latest
 * hold of any of its pending messages, e.g. after a Retry-After) or the channel's {@link
 * RateLimits rate limit} has not passed since its last call returned (failed calls count: the
 * platform counted them too), nothing goes to that channel, and other channels go on. A
 * transient failure reschedules the candidate (after the platform's Retry-After exactly when it
 * gave one, else after the {@link Backoff}) and so holds its whole channel; a permanent failure
 * is recorded on it and the channel goes on. A message whose next attempt would fall after the backoff's give-up bound fails for
 * good instead, saying so. Nothing is dropped: every message is sent, superseded by a later
 * revision that was sent, withdrawn, or failed, each for a stated reason in the delivery log.
 * <p>
 * The hold is stored on the message that failed ({@code notBefore}), so it survives a restart;
 * the rate-limit clocks, the lanes' edit times and the turns are kept in memory only.
 * <p>
 * <b>Exactly once across crashes.</b> Before a delivery's first call, the worker records it as in
 * flight ({@link OutboxStore#begin}: what it sends and what it settles, named by an attempt key);
 * recording its outcome ends it. A lane found with a delivery in flight (the process died during
 * the call, or the call failed in a way that may still have reached the platform) makes that
 * same delivery again with {@link Delivery#resumeFrom} set, and the notifier looks on the
 * platform for each step the earlier try may have done (Slack: message metadata; Discord: the
 * bot's recent messages, and a nonce Discord enforces) before doing it. Webhooks get the same
 * idempotency key again and deduplicate on it.
 * <p>
 * {@link #start} runs passes on a daemon thread about every 250 ms, and after {@link #wake}
 * at once, or 50 ms after the previous pass began when that was less (so a storm's hundreds of
 * changes a second, each a wake, cost at most 20 passes a second). Passes are serialized, so a direct {@code runOnce} never overlaps the loop's. A {@link
 * DeliveryListener} hears every send, failure and rate-limit wait (for metrics).
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    static final long TICK_MILLIS = 250;
    /** The least time between the starts of two passes when woken: a wake waits at most this. */
    static final long WAKE_GAP_MILLIS = 50;
    /** Messages sent or failed per pass at most; a larger backlog drains over several passes. */
    static final int BATCH = 1000;
    private static final long CLOSE_WAIT_MILLIS = 15_000;

    private enum Outcome { DELIVERED, WITHDRAWN, RETRY, FAILED, WAIT }

    /** The default edit budget: a living message is edited for member changes at most this often. */
    public static final Duration EDIT_INTERVAL = Duration.ofSeconds(5);

    private final OutboxStore store;
    private final Map<String, Notifier> notifiers = new HashMap<>();
    private final RateLimits rateLimits;
    private final Backoff backoff;
    /** When each channel was last sent to, for its rate limit; guarded by {@code this}. */
    private final Map<String, Instant> lastSend = new HashMap<>();
    /** Since when each channel's head has been held by its rate limit; guarded by {@code this}. */
    private final Map<String, Held> rateHeld = new HashMap<>();
    /** When each lane ({@code incident|channel}) was last sent to, for the edit budget. */
    private final Map<String, Instant> laneSent = new HashMap<>();
    /** Whether each channel's last send was an urgent incident's, for fair turns. */
    private final Map<String, Boolean> lastUrgent = new HashMap<>();
    private final Duration editInterval;
    /** The loop's clock once {@link #start}ed, for when calls return. */
    private volatile Clock loopClock;
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
        this(store, notifiers, rateLimits, backoff, listener, EDIT_INTERVAL);
    }

    /**
     * As above, with another edit budget (zero: every change edits at once).
     *
     * @throws IllegalArgumentException when two notifiers have the same name
     */
    public DeliveryWorker(OutboxStore store, Collection<? extends Notifier> notifiers,
                          RateLimits rateLimits, Backoff backoff, DeliveryListener listener,
                          Duration editInterval) {
        this.editInterval = Objects.requireNonNull(editInterval, "editInterval");
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
     * One pass as of {@code now}: reads each channel's candidates, delivers the lane of one of
     * them per channel that is due, and reads again while that made progress (a channel without
     * a rate limit drains in one pass). Each read costs at most two rows per channel, however
     * long the backlog.
     *
     * @return how many deliveries were made
     */
    public synchronized int runOnce(Instant now) {
        forgetOldLanes(now);
        int delivered = 0;
        int done = 0;
        boolean progress;
        do {
            progress = false;
            Map<String, List<Pending>> byChannel = new LinkedHashMap<>();
            for (Pending p : store.heads(now)) {
                byChannel.computeIfAbsent(p.message().channel(), c -> new ArrayList<>()).add(p);
            }
            for (List<Pending> candidates : byChannel.values()) {
                Pending first = candidates.get(0);
                if (!due(first, now)) {
                    continue;
                }
                for (Pending head : fairOrder(candidates)) {
                    Outcome outcome = attempt(head, now);
                    if (outcome == Outcome.WAIT) {
                        continue;
                    }
                    if (outcome != Outcome.RETRY) {
                        progress = true;
                        done++;
                        delivered += outcome == Outcome.DELIVERED ? 1 : 0;
                    }
                    break;
                }
            }
        } while (progress && done < BATCH);
        return delivered;
    }

    /**
     * The channel's candidates in the order to try them: when an urgent and a normal incident
     * both wait, the kind that did not go last goes first, so neither starves the other.
     */
    private List<Pending> fairOrder(List<Pending> candidates) {
        if (candidates.size() < 2) {
            return candidates;
        }
        Pending urgent = candidates.stream().filter(p -> p.message().urgent()).findFirst().orElse(null);
        Pending normal = candidates.stream().filter(p -> !p.message().urgent()).findFirst().orElse(null);
        if (urgent == null || normal == null) {
            return candidates;
        }
        return Boolean.TRUE.equals(lastUrgent.get(urgent.message().channel()))
                ? List.of(normal, urgent) : List.of(urgent, normal);
    }

    private boolean due(Pending p, Instant now) {
        if (p.notBefore() != null && p.notBefore().isAfter(now)) {
            return false;
        }
        String channel = p.message().channel();
        Duration interval = rateLimits.intervalFor(channel);
        Instant last = lastSend.get(channel);
        if (interval.isZero() || last == null || !last.plus(interval).isAfter(now)) {
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

    /** Delivers the lane of {@code head} as {@link LanePlan} says; failures are recorded on {@code head}. */
    private Outcome attempt(Pending head, Instant now) {
        OutboxMessage m = head.message();
        int attempts = head.attempts() + 1;
        String prefix = Channels.prefix(m.channel());
        Notifier notifier = notifiers.get(prefix);
        if (notifier == null) {
            return fail(m, now, attempts, "no notifier for " + prefix);
        }
        String lane = m.incident() + "|" + m.channel();
        OutboxStore.Lane read = store.lane(m.incident(), m.channel());
        Delivery delivery = resumed(read);
        List<Settlement> planned;
        if (delivery != null) {
            planned = read.inFlight().settlements();
            LOG.info("event=delivery_resumed channel={} key={} since={}", m.channel(), delivery.attemptKey(),
                    delivery.resumeFrom());
        } else {
            LanePlan plan = LanePlan.of(read.pending(), Channels.destination(m.channel()), read.messageRef(),
                    now, laneSent.get(lane), editInterval);
            if (plan.waits()) {
                return Outcome.WAIT;
            }
            if (plan.delivery() == null) {
                store.settle(now, null, plan.settlements());
                LOG.info("event=withdrawn channel={} key={} messages={}", m.channel(), m.key(), plan.settlements().size());
                return Outcome.WITHDRAWN;
            }
            delivery = plan.delivery().attempt(attemptKey(plan.delivery().message(), now), null);
            planned = plan.settlements();
            // Durable before the call: a crash during it leaves this row, and the next try looks
            // on the platform for what this one did instead of doing it again.
            store.begin(OutboxStore.InFlight.of(delivery, planned, now));
        }
        Held held = rateHeld.remove(m.channel());
        if (held != null && held.id() == m.id()) {
            listener.rateLimited(m.channel(), Duration.between(held.since(), now));
        }
        lastSend.put(m.channel(), now);
        laneSent.put(lane, now);
        lastUrgent.put(m.channel(), m.urgent());
        String newRef;
        try {
            newRef = notifier.send(delivery);
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
        List<Settlement> settled = planned.stream()
                .map(s -> s.id() == m.id() ? new Settlement(s.id(), attempts, s.result(), s.detail()) : s)
                .toList();
        finished(m.channel());
        store.settle(now, newRef, settled);
        listener.sent(m.channel());
        long superseded = settled.stream().filter(s -> s.result() != Settlement.Result.SENT).count();
        LOG.info("event=delivered channel={} key={} attempts={} covers={} superseded={} lines={}", m.channel(),
                delivery.key(), attempts, settled.size(), superseded, delivery.lines().size());
        return Outcome.DELIVERED;
    }

    /**
     * The lane's delivery in flight (begun, its outcome never recorded), to make again exactly as
     * planned; null when there is none or its lead message is no longer pending (then it is
     * dropped).
     */
    private Delivery resumed(OutboxStore.Lane read) {
        OutboxStore.InFlight f = read.inFlight();
        if (f == null) {
            return null;
        }
        for (Pending p : read.pending()) {
            if (p.message().id() == f.leadId()) {
                return f.resume(p.message(), Channels.destination(f.channel()));
            }
        }
        store.forget(f.incident(), f.channel());
        return null;
    }

    /**
     * Names one delivery: its lead message's key and when it began. Two deliveries of one lane
     * (an edit, then a digest that shows the same card) never share a name.
     */
    static String attemptKey(OutboxMessage lead, Instant at) {
        return lead.key() + "@" + at.toEpochMilli();
    }

    /** Forgets the edit times of lanes that can no longer be within their edit budget. */
    private void forgetOldLanes(Instant now) {
        if (laneSent.size() > 1_000) {
            laneSent.values().removeIf(t -> !t.plus(editInterval).isAfter(now));
        }
    }

    /**
     * Starts the channel's rate-limit clock when the call returned, not when the pass began: a
     * pass that sends to several channels takes time, and the platform counts from its own
     * receipt of the call. Only with a running loop's clock; a direct {@link #runOnce} keeps its
     * {@code now}.
     */
    private void finished(String channel) {
        Clock c = loopClock;
        if (c != null) {
            Instant end = c.instant();
            lastSend.merge(channel, end, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private Outcome retry(OutboxMessage m, Instant now, int attempts, String error,
                          Duration retryAfter) {
        finished(m.channel());
        // The platform's own word wins as given: our backoff, doubled over a run of 429s, would
        // wait far longer than the platform asked (4 x Retry-After 5 s once became 64 s).
        Duration wait = retryAfter != null ? retryAfter : backoff.delay(attempts);
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
        return store.heads(now).stream()
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
        loopClock = clock;
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
            long passStart = System.nanoTime();
            try {
                runOnce(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("event=delivery_pass_failed error=\"{}: {}\"", e.getClass().getSimpleName(),
                        describe(e));
                LOG.debug("event=delivery_pass_failed", e);
            }
            try {
                if (wakeUp.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                    // Woken: what was queued meanwhile goes in the next pass, at most every
                    // WAKE_GAP, so a storm's hundreds of changes a second cost tens of passes.
                    long left = WAKE_GAP_MILLIS - (System.nanoTime() - passStart) / 1_000_000;
                    if (left > 0 && !closed) {
                        Thread.sleep(left);
                    }
                }
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
