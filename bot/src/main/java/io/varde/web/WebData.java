package io.varde.web;

import io.varde.detect.CheckHistory;
import io.varde.detect.TargetReport;
import io.varde.incident.Incident;
import io.varde.incident.IncidentService;
import io.varde.incident.Mute;
import io.varde.incident.TimelineEntry;
import io.varde.intel.IntelIntake;
import io.varde.intel.StoredClaim;
import io.varde.detect.RecentChecks;
import io.varde.check.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The port through which the web reads what Varde knows: target states, check history,
 * incidents and intel. Read-only: nothing here changes anything. Each method may ask a store, so
 * it runs on a {@code varde-web-N} thread, never on a probe or incident thread.
 */
public interface WebData {

    /** Every target as users see it now, in configuration order. */
    List<TargetReport> targets(Instant now);

    /**
     * Per target id: checks and passing checks since {@code since} (targets without checks absent).
     * {@link #of} reads it once a minute: since the start of {@code since}'s minute, so over days
     * (the 7-day uptime) it is at most a minute old and every request of that minute shares it.
     */
    Map<String, CheckHistory.Uptime> uptime(Instant since);

    /** A target's raw check results since {@code since}, oldest first. */
    List<CheckHistory.Sample> samples(String targetId, Instant since);

    /** The longest stored history a sparkline reads. */
    Duration DAY = Duration.ofHours(24);

    /**
     * The last {@code n} checks of {@code target}, oldest first, for its sparkline: from memory
     * ({@link RecentChecks}) once it has run {@code n} checks since the start, from the stored
     * history (the last {@code 2n} intervals, at most 24 h) until then.
     */
    List<CheckHistory.Sample> spark(Target target, int n, Instant now);

    /** Open and acknowledged incidents, oldest first. */
    List<Incident> unresolved();

    /** The newest {@code limit} incidents, resolved ones included, newest first. */
    List<Incident> recent(int limit);

    Optional<Incident> incident(long number);

    /** The incident's timeline, oldest first (empty for an unknown incident). */
    List<TimelineEntry> timeline(long number);

    /** The active mute covering {@code incident} at {@code now}, if any. */
    Optional<Mute> muteOf(Incident incident, Instant now);

    /** Claims and task lists observed since {@code since}, newest first, at most {@code limit} each. */
    IntelIntake.Recent intel(Instant since, int limit);

    /** Claims hitting {@code targetId} observed since {@code since}, newest first. */
    List<StoredClaim> claimsOn(String targetId, Instant since);

    /** The ids of the targets checked tightly now because a task list tasks them. */
    Set<String> tightened();

    /**
     * The port over the running objects. The reports and the tightened set come as functions so
     * that {@code web} needs neither the monitor nor correlation: in {@code Wiring},
     * {@code WebData.of(statusBoard::reports, checkHistory, recentChecks, incidentService, intelIntake, tightener::tightened)}.
     */
    static WebData of(Function<Instant, List<TargetReport>> reports, CheckHistory history, RecentChecks recent,
                      IncidentService incidents, IntelIntake intel, Supplier<Set<String>> tightened) {
        return new WebData() {
            /** The last uptime read, by the minute it starts at: one read a minute, not one per request. */
            private final java.util.concurrent.atomic.AtomicReference<Map.Entry<Instant, Map<String, CheckHistory.Uptime>>>
                    lastUptime = new java.util.concurrent.atomic.AtomicReference<>();

            @Override
            public List<TargetReport> targets(Instant now) {
                return reports.apply(now);
            }

            @Override
            public Map<String, CheckHistory.Uptime> uptime(Instant since) {
                Instant minute = since.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                Map.Entry<Instant, Map<String, CheckHistory.Uptime>> last = lastUptime.get();
                if (last != null && last.getKey().equals(minute)) {
                    return last.getValue();
                }
                Map<String, CheckHistory.Uptime> fresh = history.uptime(minute);
                lastUptime.set(Map.entry(minute, fresh));
                return fresh;
            }

            @Override
            public List<CheckHistory.Sample> samples(String targetId, Instant since) {
                return history.samples(targetId, since);
            }

            @Override
            public List<CheckHistory.Sample> spark(Target target, int n, Instant now) {
                List<CheckHistory.Sample> kept = recent.of(target.id());
                if (kept.size() < n) {
                    Duration window = target.interval().multipliedBy(2L * n);
                    kept = history.samples(target.id(), now.minus(window.compareTo(DAY) > 0 ? DAY : window));
                }
                return kept.subList(Math.max(0, kept.size() - n), kept.size());
            }

            @Override
            public List<Incident> unresolved() {
                return incidents.unresolved();
            }

            @Override
            public List<Incident> recent(int limit) {
                return incidents.recent(limit);
            }

            @Override
            public Optional<Incident> incident(long number) {
                return incidents.incident(number);
            }

            @Override
            public List<TimelineEntry> timeline(long number) {
                return incidents.timeline(number);
            }

            @Override
            public Optional<Mute> muteOf(Incident incident, Instant now) {
                return incidents.muteOf(incident, now);
            }

            @Override
            public IntelIntake.Recent intel(Instant since, int limit) {
                return intel.recent(since, limit);
            }

            @Override
            public List<StoredClaim> claimsOn(String targetId, Instant since) {
                return intel.claimsOn(targetId, since);
            }

            @Override
            public Set<String> tightened() {
                return tightened.get();
            }
        };
    }
}
