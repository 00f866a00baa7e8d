package io.varde.detect;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.check.Target;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.TargetTracker.FlapChange;
import io.varde.detect.TargetTracker.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tracks every target and decides what to announce. Thread-safe: results arrive on many probe
 * threads; each call is short and runs under one lock.
 *
 * <p>An announcement is the difference between a target's state and the state last announced
 * for it. That one rule covers the special cases:
 * <ul>
 *   <li>a first UP after start is not news (UNKNOWN to UP is silent);</li>
 *   <li>a flapping target's changes are not announced; when it settles its state is;</li>
 *   <li>while every canary is DOWN (connectivity lost) target changes are <em>held</em>: recorded,
 *       not announced. When a canary is back, held targets are put back to their announced
 *       state and judged on fresh checks, so sites that never really failed stay quiet, sites
 *       still down alert as usual, and a recovery of an announced outage is still reported;</li>
 *   <li>while no canary's latest check passed but not all are DOWN yet (the network may be
 *       failing right now), new problems are <em>deferred</em> until a canary passes (then they
 *       are announced), all canaries are DOWN (then they are held), or the canaries had time to
 *       decide (interval times failure threshold plus timeout; then they are announced).</li>
 * </ul>
 */
public final class Monitor {

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Entry> canaries = new ArrayList<>();
    private final Duration maxDefer;
    private final Map<String, Instant> deferred = new LinkedHashMap<>();
    private final Set<String> held = new HashSet<>();
    private boolean lost;
    private Instant lostSince;
    private Instant restoredAt = Instant.MIN;

    private static final class Entry {
        Target target;
        TargetStatus status = TargetStatus.unknown();
        TargetState announced = TargetState.UNKNOWN;
        Instant announcedSince;

        Entry(Target target) {
            this.target = target;
        }
    }

    public Monitor(List<Target> targets) {
        Duration longest = Duration.ZERO;
        for (Target t : targets) {
            Entry e = new Entry(t);
            entries.put(t.id(), e);
            if (t.canary()) {
                canaries.add(e);
                Duration decide = t.interval().multipliedBy(t.detection().failureThreshold())
                        .plus(t.timeout());
                longest = decide.compareTo(longest) > 0 ? decide : longest;
            }
        }
        this.maxDefer = longest;
    }

    /** Feeds one check result; returns what to announce, in order. */
    public synchronized List<DetectionEvent> onResult(CheckResult result, Instant now) {
        Entry e = entries.get(result.targetId());
        if (e == null) {
            return List.of();
        }
        List<DetectionEvent> out = new ArrayList<>(1);
        if (e.target.canary()) {
            e.status = TargetTracker.observe(e.status, e.target.detection(), result, now).status();
            onCanary(now, out);
            return out;
        }
        if (result.outcome() != Outcome.OK && result.at().isBefore(restoredAt)) {
            return out; // the check started while connectivity was lost: it says nothing
        }
        Step step = TargetTracker.observe(e.status, e.target.detection(), result, now);
        e.status = step.status();
        if (step.flap() != FlapChange.NONE || e.status.flapping()) {
            onFlap(e, step.flap(), now, out);
        } else if (step.stateChanged()) {
            reconcile(e, now, out, true);
        }
        return out;
    }

    /**
     * Replaces a target's settings (its detection thresholds, e.g. while it is tightened),
     * keeping its state and streaks. Unknown ids are ignored.
     */
    public synchronized void retarget(Target target) {
        Entry e = entries.get(target.id());
        if (e != null) {
            e.target = target;
        }
    }

    /** Announces deferred problems whose canaries had time enough to decide. */
    public synchronized List<DetectionEvent> tick(Instant now) {
        if (deferred.isEmpty()) {
            return List.of();
        }
        List<DetectionEvent> out = new ArrayList<>();
        for (Map.Entry<String, Instant> d : List.copyOf(deferred.entrySet())) {
            if (!d.getValue().isAfter(now)) {
                deferred.remove(d.getKey());
                reconcile(entries.get(d.getKey()), now, out, false);
            }
        }
        return out;
    }

    /**
     * Restores what users last heard about a target before a restart, so that a site that
     * recovered meanwhile is announced as recovered and one still down is not announced again.
     * Call before the first result.
     */
    public synchronized void restore(String targetId, TargetState announced, Instant since) {
        Entry e = entries.get(targetId);
        if (e != null && !e.target.canary() && announced != TargetState.UNKNOWN) {
            e.announced = announced;
            e.announcedSince = since;
        }
    }

    /**
     * Takes over a target another node judged until now (its shard moved here), so that an
     * outage already announced is not announced again and a failure streak the previous owner
     * saw counts towards the threshold here.
     *
     * <p>The announced state becomes {@code announced} (UNKNOWN, or null, when users heard
     * nothing; unlike {@link #restore} this also clears what an earlier ownership left). The
     * target's status is rebuilt by replaying {@code recent} through {@link TargetTracker},
     * starting from the announced state with no streaks, baseline or flap history (only the
     * checks after the announcement: older ones led to it, and after a database outage they may
     * be all that was stored, which must not undo it), so that
     * streaks, baseline and flapping continue and a recovery still needs the success threshold.
     * If the rebuilt state differs from {@code announced} (the site recovered or failed while
     * the shard was moving) that change is announced as usual, never deferred. A rebuilt
     * flapping is silent (the previous owner announced it or not), but the target stays
     * flapping, so its settling is announced later. Any deferral or hold of the target is
     * dropped. Canaries and unknown ids are ignored.
     *
     * @param targetId  the target taken over
     * @param announced what users last heard about it (UNKNOWN or null when nothing)
     * @param since     when that was announced (null when unknown)
     * @param recent    the target's stored checks of the last minutes, oldest first
     * @param now       the time of the take-over
     * @return what to announce now, in order (usually nothing)
     */
    public synchronized List<DetectionEvent> adopt(String targetId, TargetState announced, Instant since,
                                                   List<CheckHistory.Sample> recent, Instant now) {
        Entry e = entries.get(targetId);
        if (e == null || e.target.canary()) {
            return List.of();
        }
        deferred.remove(targetId);
        held.remove(targetId);
        e.announced = announced == null ? TargetState.UNKNOWN : announced;
        e.announcedSince = since;
        TargetStatus s = e.announced == TargetState.UNKNOWN
                ? TargetStatus.unknown()
                : TargetStatus.unknown().resetTo(e.announced, since);
        for (CheckHistory.Sample sample : recent) {
            if (since != null && e.announced != TargetState.UNKNOWN && !sample.at().isAfter(since)) {
                continue; // what led to the announcement: judged already
            }
            CheckResult synthetic = new CheckResult(targetId, sample.at(),
                    Duration.ofMillis(sample.responseMillis()), sample.outcome(), null, List.of());
            s = TargetTracker.observe(s, e.target.detection(), synthetic, sample.at()).status();
        }
        e.status = s;
        List<DetectionEvent> out = new ArrayList<>(1);
        if (!s.flapping()) {
            reconcile(e, now, out, false);
        }
        return out;
    }

    /**
     * Restores a connectivity loss that was announced before a restart, so that the first
     * passing canary announces its end.
     */
    public synchronized void restoreConnectivityLost(Instant since) {
        if (!canaries.isEmpty()) {
            lost = true;
            lostSince = since;
        }
    }

    /** The current status of a target, if it is monitored. */
    public synchronized Optional<TargetStatus> status(String targetId) {
        Entry e = entries.get(targetId);
        return e == null ? Optional.empty() : Optional.of(e.status);
    }

    /** True while every canary is DOWN. */
    public synchronized boolean connectivityLost() {
        return lost;
    }

    private void onFlap(Entry e, FlapChange change, Instant now, List<DetectionEvent> out) {
        if (lost) {
            held.add(e.target.id());
            return;
        }
        TargetStatus s = e.status;
        if (change == FlapChange.STARTED) {
            deferred.remove(e.target.id());
            out.add(new DetectionEvent.FlappingStarted(now, e.target, s.state(), s.changes().size(),
                    e.target.detection().flapWindow()));
        } else if (change == FlapChange.STOPPED) {
            out.add(new DetectionEvent.FlappingStopped(now, e.target, s.state()));
            e.announced = s.state();
            e.announcedSince = now;
        }
    }

    private void reconcile(Entry e, Instant now, List<DetectionEvent> out, boolean mayDefer) {
        TargetState current = e.status.state();
        String id = e.target.id();
        if (current == e.announced || current == TargetState.UNKNOWN) {
            deferred.remove(id);
            return;
        }
        if (e.announced == TargetState.UNKNOWN && current == TargetState.UP) {
            e.announced = current;
            e.announcedSince = now;
            return;
        }
        if (lost) {
            held.add(id);
            return;
        }
        if (mayDefer && current.isProblem() && suspect()) {
            deferred.putIfAbsent(id, now.plus(maxDefer));
            return;
        }
        deferred.remove(id);
        Duration lasted = e.announcedSince == null || e.announced == TargetState.UNKNOWN
                ? null : Duration.between(e.announcedSince, now);
        out.add(new DetectionEvent.StateChanged(now, e.target, e.announced, current, lasted,
                e.status.last()));
        e.announced = current;
        e.announcedSince = now;
    }

    private void onCanary(Instant now, List<DetectionEvent> out) {
        boolean allDown = canaries.stream().allMatch(c -> c.status.state() == TargetState.DOWN);
        if (!lost && allDown) {
            lost = true;
            lostSince = now;
            held.addAll(deferred.keySet());
            deferred.clear();
            List<CanaryFailure> failures = canaries.stream()
                    .map(c -> new CanaryFailure(c.target.id(),
                            c.status.last() == null ? "not checked" : c.status.last().problem()))
                    .toList();
            out.add(new DetectionEvent.ConnectivityLost(now, failures));
        } else if (lost && !allDown) {
            lost = false;
            restoredAt = now;
            out.add(new DetectionEvent.ConnectivityRestored(now, Duration.between(lostSince, now),
                    recheckAfterOutage(now)));
        }
        if (!lost && !suspect() && !deferred.isEmpty()) {
            for (String id : List.copyOf(deferred.keySet())) {
                deferred.remove(id);
                reconcile(entries.get(id), now, out, false);
            }
        }
    }

    /** Puts targets touched by the outage back to their announced state; returns how many. */
    private int recheckAfterOutage(Instant now) {
        int count = 0;
        for (Entry e : entries.values()) {
            TargetStatus s = e.status;
            boolean touched = held.contains(e.target.id()) || s.state() != e.announced
                    || s.flapping() || s.badStreak() > 0;
            if (!e.target.canary() && touched) {
                e.status = s.resetTo(e.announced, now);
                count++;
            }
        }
        held.clear();
        return count;
    }

    /** True when canaries exist, connectivity is not yet lost, and none passed its last check. */
    private boolean suspect() {
        if (canaries.isEmpty() || lost) {
            return false;
        }
        for (Entry c : canaries) {
            CheckResult last = c.status.last();
            if (last != null && !last.outcome().failed()) {
                return false;
            }
        }
        return true;
    }
}
