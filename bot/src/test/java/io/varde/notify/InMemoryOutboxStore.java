package io.varde.notify;

import io.varde.incident.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An outbox in memory, as the JDBC store behaves: ids in queueing order, pending oldest first,
 * heads chosen by {@link ChannelHeads} from the oldest pending message of each channel and
 * incident, message refs kept per incident and channel. Records every outcome for assertions.
 * Thread-safe (the worker's loop and a test thread share it).
 */
final class InMemoryOutboxStore implements OutboxStore {

    /** A message and where it stands. */
    static final class Entry {
        final OutboxMessage message;
        int attempts;
        Instant notBefore;
        String status = "pending";
        Instant sentAt;
        String messageRef;
        String error;
        boolean cardShown;
        /** The delivery log: one line per outcome, e.g. {@code superseded: superseded by r9}. */
        final List<String> log = new ArrayList<>();

        Entry(OutboxMessage message) {
            this.message = message;
        }
    }

    private final Map<Long, Entry> entries = new HashMap<>();
    private final Map<String, String> refs = new HashMap<>();
    private final List<String> sentKeys = new ArrayList<>();
    private long nextId = 1;
    /** How many of the next {@link #heads} calls throw, as an unreachable database would. */
    final AtomicInteger readFailures = new AtomicInteger();

    /** Queues {@code m}, returning it with its id. */
    synchronized OutboxMessage add(OutboxMessage m) {
        OutboxMessage stored = m.withId(nextId++);
        entries.put(stored.id(), new Entry(stored));
        return stored;
    }

    synchronized Entry entry(long id) {
        return entries.get(id);
    }

    /** Keys of delivered messages, in delivery order. */
    synchronized List<String> sentKeys() {
        return List.copyOf(sentKeys);
    }

    /** Undelivered messages, oldest first; {@link #heads()} is built on it. */
    synchronized List<Pending> pending(int limit) {
        return entries.values().stream()
                .filter(e -> e.status.equals("pending"))
                .sorted(Comparator.comparingLong(e -> e.message.id()))
                .limit(limit)
                .map(e -> new Pending(e.message, e.attempts, e.notBefore, e.cardShown))
                .toList();
    }

    @Override
    public synchronized List<Pending> heads(Instant now) {
        if (readFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database unreachable");
        }
        Map<String, Instant> holds = new HashMap<>();
        List<Pending> due = new ArrayList<>();
        for (Pending p : pending(Integer.MAX_VALUE)) {
            if (p.attempts() > 0 && p.notBefore() != null) {
                holds.merge(p.message().channel(), p.notBefore(), (a, b) -> a.isAfter(b) ? a : b);
            }
            if (p.dueAt(now)) {
                due.add(p);
            }
        }
        return ChannelHeads.choose(due, holds);
    }

    @Override
    public synchronized Lane lane(long incident, String channel) {
        return new Lane(refs.get(incident + "|" + channel), pending(Integer.MAX_VALUE).stream()
                .filter(p -> p.message().incident() == incident && p.message().channel().equals(channel))
                .toList(), inFlight.get(incident + "|" + channel));
    }

    /** Deliveries begun and not ended, by lane ({@code incident|channel}). */
    final java.util.Map<String, InFlight> inFlight = new java.util.HashMap<>();

    @Override
    public synchronized void begin(InFlight delivery) {
        inFlight.put(delivery.incident() + "|" + delivery.channel(), delivery);
    }

    @Override
    public synchronized void forget(long incident, String channel) {
        inFlight.remove(incident + "|" + channel);
    }

    @Override
    public synchronized void settle(Instant at, String messageRef, List<Settlement> settlements) {
        for (Settlement s : settlements) {
            Entry e = entries.get(s.id());
            if (!e.status.equals("pending")) {
                continue;
            }
            e.attempts = s.attempts();
            e.sentAt = at;
            e.messageRef = messageRef;
            e.log.add(s.result().name().toLowerCase(java.util.Locale.ROOT) + ": " + s.detail());
            switch (s.result()) {
                case SENT -> {
                    e.status = "sent";
                    sentKeys.add(e.message.key());
                }
                case SUPERSEDED -> e.status = "superseded";
                case SHOWN -> e.cardShown = true;
            }
            if (messageRef != null) {
                refs.put(e.message.incident() + "|" + e.message.channel(), messageRef);
            }
            inFlight.remove(e.message.incident() + "|" + e.message.channel());
        }
    }

    @Override
    public synchronized void retry(long id, Instant at, int attempts, Instant nextAttemptAt,
                                   String error) {
        Entry e = entries.get(id);
        e.attempts = attempts;
        e.notBefore = nextAttemptAt;
        e.error = error;
        e.log.add("retry: " + error);
    }

    @Override
    public synchronized void failed(long id, Instant at, int attempts, String error) {
        Entry e = entries.get(id);
        e.status = "failed";
        e.attempts = attempts;
        e.error = error;
        inFlight.remove(e.message.incident() + "|" + e.message.channel());
    }
}
