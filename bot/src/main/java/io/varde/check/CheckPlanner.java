package io.varde.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Decides which checks are due. Targets hash into a fixed number of shards; a scheduler job per
 * shard calls {@link #takeDue} about once a second, so trigger traffic stays constant however
 * many targets there are. First checks are spread over each target's interval at random, so a
 * start (or restart) does not probe every site at once.
 *
 * <p>A target whose previous check is still running when the next one is due skips that turn
 * (counted in {@link #skipped()}) instead of piling up checks on a slow site.
 */
public final class CheckPlanner {

    private final Shard[] shards;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();

    private static final class Slot {
        /** The checks run in turn (the target's own first); one unless it is tightened. */
        List<Target> rotation;
        int turn;
        long nextDue;
        volatile boolean busy;

        Slot(Target target, long nextDue) {
            this.rotation = List.of(target);
            this.nextDue = nextDue;
        }

        Target next() {
            Target t = rotation.get(turn % rotation.size());
            turn = (turn + 1) % rotation.size();
            return t;
        }
    }

    private static final class Shard {
        final List<Slot> slots = new ArrayList<>();
    }

    public CheckPlanner(List<Target> targets, int shardCount, Instant start, RandomGenerator random) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1");
        }
        shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard();
        }
        for (Target t : targets) {
            long jitter = random.nextLong(Math.max(1, t.interval().toMillis()));
            Slot slot = new Slot(t, start.toEpochMilli() + jitter);
            slots.put(t.id(), slot);
            shards[shardOf(t.id())].slots.add(slot);
        }
    }

    public int shardCount() {
        return shards.length;
    }

    /** The shard a target id belongs to. */
    public int shardOf(String targetId) {
        return Math.floorMod(targetId.hashCode(), shards.length);
    }

    /**
     * The targets of {@code shard} due at {@code now}, marked busy until {@link #done}; each one's
     * next check is set one interval later (or one interval from now if the shard fell behind).
     */
    public List<Target> takeDue(int shard, Instant now) {
        long t = now.toEpochMilli();
        List<Target> due = new ArrayList<>();
        Shard s = shards[shard];
        synchronized (s) {
            for (Slot slot : s.slots) {
                if (slot.nextDue > t) {
                    continue;
                }
                long interval = slot.rotation.get(0).interval().toMillis();
                slot.nextDue = Math.max(slot.nextDue + interval, t + interval / 2);
                if (slot.busy) {
                    skipped.incrementAndGet();
                } else {
                    slot.busy = true;
                    due.add(slot.next());
                }
            }
        }
        return due;
    }

    /** The targets of {@code shard} (their own checks, not a tightened rotation), in no particular order. */
    public List<Target> targetsOf(int shard) {
        Shard s = shards[shard];
        synchronized (s) {
            List<Target> out = new ArrayList<>(s.slots.size());
            s.slots.forEach(slot -> out.add(slot.rotation.get(0)));
            return out;
        }
    }

    /**
     * Spreads the next checks of {@code shard} over one interval from {@code now}, as a start
     * does: for a shard that this process takes over from another in a cluster, whose due times
     * here are stale, so that it is not probed all at once.
     */
    public void respread(int shard, Instant now, RandomGenerator random) {
        Shard s = shards[shard];
        synchronized (s) {
            for (Slot slot : s.slots) {
                long interval = Math.max(1, slot.rotation.get(0).interval().toMillis());
                slot.nextDue = now.toEpochMilli() + random.nextLong(interval);
            }
        }
    }

    /**
     * Replaces what is checked for a target: {@code rotation} (all with its id; the first gives
     * the interval) is checked in turn, e.g. a tightened target and its attacked paths. A shorter
     * interval takes effect at once: the next check is due no later than one new interval from
     * {@code now}. Unknown ids are ignored.
     */
    public void retarget(List<Target> rotation, Instant now) {
        Slot slot = slots.get(rotation.get(0).id());
        if (slot == null) {
            return;
        }
        synchronized (shards[shardOf(rotation.get(0).id())]) {
            slot.rotation = List.copyOf(rotation);
            slot.turn = 0;
            slot.nextDue = Math.min(slot.nextDue, now.toEpochMilli() + rotation.get(0).interval().toMillis());
        }
    }

    /**
     * Replaces the whole set of targets, as a probe agent does when its assignment changes. A
     * target whose id stays keeps its due time and its running check (it is checked as now given
     * from its next turn on, and a shorter interval takes effect at once, as in {@link #retarget});
     * a new one gets its first check spread over its interval from {@code now}, as at a start; one
     * no longer given is forgotten (a check of it still running ends unnoticed). Ids must be unique.
     */
    public void replace(List<Target> targets, Instant now, RandomGenerator random) {
        Map<String, Target> byId = new HashMap<>();
        List<List<Target>> perShard = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) {
            perShard.add(new ArrayList<>());
        }
        for (Target t : targets) {
            if (byId.put(t.id(), t) != null) {
                throw new IllegalArgumentException("target id given twice: " + t.id());
            }
            perShard.get(shardOf(t.id())).add(t);
        }
        long t0 = now.toEpochMilli();
        for (int i = 0; i < shards.length; i++) {
            Shard s = shards[i];
            synchronized (s) {
                Set<String> stay = new HashSet<>();
                List<Slot> next = new ArrayList<>();
                for (Target t : perShard.get(i)) {
                    Slot slot = slots.get(t.id());
                    long interval = Math.max(1, t.interval().toMillis());
                    if (slot == null) {
                        slot = new Slot(t, t0 + random.nextLong(interval));
                        slots.put(t.id(), slot);
                    } else {
                        slot.rotation = List.of(t);
                        slot.turn = 0;
                        slot.nextDue = Math.min(slot.nextDue, t0 + interval);
                    }
                    stay.add(t.id());
                    next.add(slot);
                }
                for (Slot old : s.slots) {
                    String id = old.rotation.get(0).id();
                    if (!stay.contains(id)) {
                        slots.remove(id);
                    }
                }
                s.slots.clear();
                s.slots.addAll(next);
            }
        }
    }

    /** Marks the check of {@code targetId} finished, so that its next turn can run. */
    public void done(String targetId) {
        Slot slot = slots.get(targetId);
        if (slot != null) {
            slot.busy = false;
        }
    }

    /** Checks skipped because the previous one of the same target was still running. */
    public long skipped() {
        return skipped.get();
    }
}
