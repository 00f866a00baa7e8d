package io.varde.detect;

import io.varde.check.CheckResult;
import io.varde.check.Location;
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
    private final Places places;
    private boolean started;
    private boolean lost;
    private Instant lostSince;
    private Instant restoredAt = Instant.MIN;

    private static final class Entry {
        Target target;
        TargetStatus status = TargetStatus.unknown();
        TargetState announced = TargetState.UNKNOWN;
        Instant announcedSince;
        /** The locations that check it (indexes into {@link #places}), or null: the nodes alone. */
        int[] at;
        /** What each of those locations' own checks say. */
        TargetStatus[] views;
        Verdict.Judgement judgement;
        /** Since when {@link #news} has said what it says now. */
        Instant newsSince;

        Entry(Target target) {
            this.target = target;
        }

        int slot(int location) {
            for (int k = 0; k < at.length; k++) {
                if (at[k] == location) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** A monitor of targets checked from the nodes alone. */
    public Monitor(List<Target> targets) {
        this(targets, List.of(Location.home()));
    }

    /**
     * A monitor of targets checked from {@code locations} (the nodes' own first, then the
     * agents'). A target checked from one location, the nodes', is judged on its checks alone as
     * before; one checked from several (or from agents only) by {@link Verdict} over what each
     * location's own checks say. Canaries are the nodes' own.
     */
    public Monitor(List<Target> targets, List<Location> locations) {
        this.places = locations.size() > 1 ? new Places(locations, targets) : null;
        Duration longest = Duration.ZERO;
        for (Target t : targets) {
            Entry e = new Entry(t);
            if (places != null && !t.canary()) {
                int[] at = places.of(t);
                if (!(at.length == 1 && at[0] == 0)) {
                    e.at = at;
                    e.views = new TargetStatus[at.length];
                    java.util.Arrays.fill(e.views, TargetStatus.unknown());
                }
            }
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
        if (e.at != null) {
            onView(e, 0, result, now, out);
            return out;
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
     * Feeds one check result seen from {@code location} (a probe agent's, or the nodes' own);
     * returns what to announce, in order. A result of a location that does not check the target,
     * or older than that location's last one for it, is ignored.
     */
    public synchronized List<DetectionEvent> onResult(String location, CheckResult result, Instant now) {
        int i = places == null ? (Location.HOME.equals(location) ? 0 : -1) : places.indexOf(location);
        if (i == 0) {
            return onResult(result, now);
        }
        Entry e = entries.get(result.targetId());
        if (i < 0 || e == null || e.at == null) {
            return List.of();
        }
        List<DetectionEvent> out = new ArrayList<>(1);
        if (places.seen(i, now)) {
            out.add(new DetectionEvent.LocationChanged(now, location, DetectionEvent.LocationChange.BACK,
                    "reporting again"));
            rejudgeAt(i, now, out);
        }
        onView(e, i, result, now, out);
        return out;
    }

    /** One location's result of a target checked from several: its own view, then the judgement. */
    private void onView(Entry e, int location, CheckResult result, Instant now, List<DetectionEvent> out) {
        int k = e.slot(location);
        if (k < 0) {
            return;
        }
        TargetStatus before = e.views[k];
        if (before.last() != null && result.at().isBefore(before.last().at())) {
            return; // an agent's late resend: the newer result was judged already
        }
        TargetStatus after = TargetTracker.observe(before, e.target.detection(), result, now).status();
        e.views[k] = after;
        if (before.state() != after.state()) {
            places.counted(location, before.state(), after.state());
            reconsider(now, out);
        }
        judge(e, result, now, out);
    }

    /** Tells each location whose problem of its own started or ended, and judges its targets again. */
    private void reconsider(Instant now, List<DetectionEvent> out) {
        for (int changed : places.reconsider()) {
            boolean problem = places.problem(changed);
            out.add(new DetectionEvent.LocationChanged(now, places.get(changed).name(), problem
                    ? DetectionEvent.LocationChange.PROBLEM : DetectionEvent.LocationChange.PROBLEM_OVER,
                    places.failingText(changed)));
            rejudgeAt(changed, now, out);
        }
    }

    /** Judges every target checked from location {@code i} again (it was lost, is back, or has a problem). */
    private void rejudgeAt(int i, Instant now, List<DetectionEvent> out) {
        for (Entry e : entries.values()) {
            if (e.at != null && e.slot(i) >= 0) {
                judge(e, e.status.last(), now, out);
            }
        }
    }

    private void judge(Entry e, CheckResult last, Instant now, List<DetectionEvent> out) {
        List<Verdict.View> views = new ArrayList<>(e.at.length);
        int live = 0;
        int flapping = 0;
        for (int k = 0; k < e.at.length; k++) {
            int i = e.at[k];
            if (!places.lost(i) && e.views[k].state() != TargetState.UNKNOWN) {
                live++;
                flapping += e.views[k].flapping() ? 1 : 0;
            }
            boolean ownTrouble = places.problem(i) || (i == 0 && lost); // the nodes' canaries are down
            views.add(new Verdict.View(places.get(i), e.views[k].state(), places.lost(i), ownTrouble));
        }
        Verdict.Judgement j = Verdict.judge(e.target.vantage(), views);
        TargetState newsBefore = news(e);
        TargetState next = j.state() == TargetState.UNKNOWN && e.status.state() != TargetState.UNKNOWN
                ? e.status.state() : j.state(); // too few decided now: stay where it was
        Step step = TargetTracker.settle(e.status, next, live > 0 && flapping > live / 2, last, now);
        e.status = step.status();
        e.judgement = j;
        if (news(e) != newsBefore || e.newsSince == null) {
            e.newsSince = now;
        }
        if (step.flap() != FlapChange.NONE || e.status.flapping()) {
            onFlap(e, step.flap(), now, out);
        } else if (step.stateChanged() || announcedDiffers(e)) {
            reconcile(e, now, out, false);
        }
    }

    private static boolean announcedDiffers(Entry e) {
        return news(e) != e.announced && news(e) != TargetState.UNKNOWN;
    }

    /**
     * The state to announce: a target PARTIAL only because a location with a problem of its own
     * fails it is UP as far as users are concerned (the location's problem is told once, on its own).
     */
    private static TargetState news(Entry e) {
        TargetState s = e.status.state();
        return s == TargetState.PARTIAL && e.judgement != null
                && e.judgement.reason() == Verdict.Reason.LOCATION_PROBLEM ? TargetState.UP : s;
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
        List<DetectionEvent> out = new ArrayList<>(0);
        if (places != null) {
            if (!started) {
                places.start(now);
                started = true;
            }
            for (int i : places.newlyLost(now)) {
                reconsider(now, out); // a lost location neither has a problem nor counts for others'
                out.add(new DetectionEvent.LocationChanged(now, places.get(i).name(),
                        DetectionEvent.LocationChange.LOST, "no results since " + places.lastSeen(i)));
                rejudgeAt(i, now, out);
            }
        }
        if (deferred.isEmpty()) {
            return out;
        }
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

    /**
     * What each location that checks the target sees of it now; empty for a target checked from
     * the nodes alone (its {@link #status} says it all) or an unknown id.
     */
    public synchronized List<LocationView> views(String targetId) {
        Entry e = entries.get(targetId);
        if (e == null || e.at == null) {
            return List.of();
        }
        List<LocationView> out = new ArrayList<>(e.at.length);
        for (int k = 0; k < e.at.length; k++) {
            int i = e.at[k];
            out.add(new LocationView(places.get(i), e.views[k], places.lost(i), places.problem(i) || (i == 0 && lost)));
        }
        return out;
    }

    /** The latest judgement of a target checked from several locations, if any. */
    public synchronized Optional<Verdict.Judgement> judgement(String targetId) {
        Entry e = entries.get(targetId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.judgement);
    }

    /** True while every canary is DOWN. */
    public synchronized boolean connectivityLost() {
        return lost;
    }

    private void onFlap(Entry e, FlapChange change, Instant now, List<DetectionEvent> out) {
        if (lost && e.at == null) {
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
        TargetState current = news(e);
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
        if (lost && e.at == null) {
            held.add(id);
            return;
        }
        if (e.at != null && current == TargetState.PARTIAL && now.isBefore(e.newsSince.plus(e.target.interval()))) {
            // the locations cross their thresholds one check apart: a PARTIAL must hold for an
            // interval (each location checked again) before it is news, or every outage would
            // start with a PARTIAL a few seconds long
            deferred.put(id, e.newsSince.plus(e.target.interval()));
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
                e.status.last(), e.judgement));
        e.announced = current;
        e.announcedSince = now;
    }

    private void onCanary(Instant now, List<DetectionEvent> out) {
        boolean allDown = canaries.stream().allMatch(c -> c.status.state() == TargetState.DOWN);
        if (!lost && allDown) {
            lost = true;
            lostSince = now;
            for (String id : List.copyOf(deferred.keySet())) {
                if (entries.get(id).at == null) { // judged on the agents meanwhile: stays deferred
                    held.add(id);
                    deferred.remove(id);
                }
            }
            List<CanaryFailure> failures = canaries.stream()
                    .map(c -> new CanaryFailure(c.target.id(),
                            c.status.last() == null ? "not checked" : c.status.last().problem()))
                    .toList();
            out.add(new DetectionEvent.ConnectivityLost(now, failures));
            if (places != null) {
                rejudgeAt(0, now, out); // judged on the agents meanwhile
            }
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
            if (e.at != null) {
                int k = e.slot(0);
                if (k >= 0) { // the nodes' own view starts afresh; the agents' stand
                    places.counted(0, e.views[k].state(), TargetState.UNKNOWN);
                    e.views[k] = e.views[k].resetTo(TargetState.UNKNOWN, now);
                }
                continue;
            }
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
