package io.varde.detect;

import io.varde.check.Location;
import io.varde.check.Vantage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What several locations saw of one target, judged as one state. Pure.
 *
 * <p>Each location judges the target on its own checks ({@link TargetTracker}: UP, DEGRADED,
 * DOWN, MITIGATED). Then, over the locations that report (a lost location says nothing; a
 * location with a problem of its own, failing most of its targets while the others do not, is
 * set aside when it fails):
 * <ul>
 *   <li>DOWN when at least the quorum of them are DOWN; MITIGATED when at least the quorum fail
 *       and fewer than the quorum are DOWN, the others answering with a challenge or block
 *       page;</li>
 *   <li>PARTIAL when some fail, fewer than the quorum, and others pass: <em>geo-blocked</em> when
 *       every failing location is outside the target's country and a passing one is in it,
 *       otherwise a <em>partial outage</em>; and PARTIAL, <em>location problem</em>, when the only
 *       failures are those of locations set aside;</li>
 *   <li>otherwise DEGRADED when at least the quorum are DEGRADED, UP when any passes, and UNKNOWN
 *       while too few have decided (say, one fails and the others have not checked yet).</li>
 * </ul>
 * The quorum is the target's, or a majority of the locations that check it. When locations are
 * lost it is at most the number still reporting, but never one when it was more, unless the one
 * still reporting is the nodes' own: an agent alone can never open a DOWN incident.
 */
public final class Verdict {

    private Verdict() {
    }

    /** Why a target is PARTIAL. */
    public enum Reason {
        NONE, GEO_BLOCKED, LOCATION_PROBLEM, PARTIAL_OUTAGE;

        /** e.g. {@code geo-blocked}, {@code location problem}, {@code partial outage}. */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ').replace("geo blocked", "geo-blocked");
        }
    }

    /**
     * One location's view of the target.
     *
     * @param location the location
     * @param state    what its own checks say (UNKNOWN while it has none)
     * @param lost     true when the location stopped reporting (its view is left out)
     * @param problem  true when the location fails most of its targets while others do not
     */
    public record View(Location location, TargetState state, boolean lost, boolean problem) {

        boolean fails() {
            return state == TargetState.DOWN || state == TargetState.MITIGATED;
        }

        boolean passes() {
            return state == TargetState.UP || state == TargetState.DEGRADED;
        }
    }

    /**
     * The judgement.
     *
     * @param state  the target's state
     * @param reason why it is PARTIAL (NONE otherwise)
     * @param where  which locations saw what, e.g. {@code DOWN from ams, fra; UP from home}
     */
    public record Judgement(TargetState state, Reason reason, String where) {

        /** e.g. {@code PARTIAL (geo-blocked)}, {@code DOWN}. */
        public String describe() {
            return reason == Reason.NONE ? state.name() : state + " (" + reason.words() + ")";
        }
    }

    /** Judges {@code views}, one per location that checks the target (at least one). */
    public static Judgement judge(Vantage vantage, List<View> views) {
        List<View> reporting = new ArrayList<>();
        boolean setAside = false;
        for (View v : views) {
            if (v.lost() || v.state() == TargetState.UNKNOWN) {
                continue;
            }
            if (v.problem() && v.fails()) {
                setAside = true;
                continue;
            }
            reporting.add(v);
        }
        String where = where(views);
        int quorum = quorum(vantage, views);
        int down = 0;
        int failing = 0;
        int degraded = 0;
        int passing = 0;
        for (View v : reporting) {
            down += v.state() == TargetState.DOWN ? 1 : 0;
            failing += v.fails() ? 1 : 0;
            degraded += v.state() == TargetState.DEGRADED ? 1 : 0;
            passing += v.passes() ? 1 : 0;
        }
        if (failing >= quorum) {
            return new Judgement(down >= quorum ? TargetState.DOWN : TargetState.MITIGATED, Reason.NONE, where);
        }
        if (failing > 0) {
            if (passing == 0) {
                return new Judgement(TargetState.UNKNOWN, Reason.NONE, where);
            }
            return new Judgement(TargetState.PARTIAL, geoBlocked(vantage.country(), reporting)
                    ? Reason.GEO_BLOCKED : Reason.PARTIAL_OUTAGE, where);
        }
        if (passing == 0) {
            return new Judgement(TargetState.UNKNOWN, Reason.NONE, where);
        }
        if (setAside) {
            return new Judgement(TargetState.PARTIAL, Reason.LOCATION_PROBLEM, where);
        }
        return new Judgement(degraded >= quorum ? TargetState.DEGRADED : TargetState.UP, Reason.NONE, where);
    }

    private static int quorum(Vantage vantage, List<View> all) {
        int wanted = vantage.quorumOf(all.size());
        List<View> live = all.stream().filter(v -> !v.lost() && !(v.problem() && v.fails())).toList();
        if (live.size() >= wanted) {
            return wanted;
        }
        if (live.size() == 1 && wanted > 1) {
            return live.get(0).location().agent() ? 2 : 1; // an agent alone never makes it DOWN
        }
        return Math.max(1, live.size());
    }

    private static boolean geoBlocked(String country, List<View> reporting) {
        if (country == null) {
            return false;
        }
        boolean passesAtHome = false;
        for (View v : reporting) {
            String c = v.location().country();
            if (v.fails() && (c == null || c.equals(country))) {
                return false;
            }
            passesAtHome |= v.passes() && country.equals(c);
        }
        return passesAtHome;
    }

    /** {@code DOWN from ams, fra; UP from home; lost: ams}: the views grouped by state. */
    static String where(List<View> views) {
        Map<TargetState, List<String>> by = new TreeMap<>((a, b) -> rank(a) - rank(b));
        List<String> lost = new ArrayList<>();
        for (View v : views) {
            if (v.lost()) {
                lost.add(v.location().name());
            } else if (v.state() != TargetState.UNKNOWN) {
                by.computeIfAbsent(v.state(), s -> new ArrayList<>()).add(v.location().name()
                        + (v.problem() && v.fails() ? " (location problem)" : ""));
            }
        }
        List<String> parts = new ArrayList<>();
        by.forEach((state, names) -> parts.add(state + " from " + String.join(", ", names.stream().sorted().toList())));
        if (!lost.isEmpty()) {
            parts.add("lost: " + String.join(", ", lost.stream().sorted().toList()));
        }
        return String.join("; ", parts);
    }

    private static int rank(TargetState s) {
        return switch (s) {
            case DOWN -> 0;
            case MITIGATED -> 1;
            case PARTIAL -> 2;
            case DEGRADED -> 3;
            case UP -> 4;
            case UNKNOWN -> 5;
        };
    }
}
