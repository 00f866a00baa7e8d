package io.varde.intel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A monitored target a claim hits, as stored with the claim: which claimed host hit it, and why.
 *
 * @param targetId the target's id
 * @param host     the claimed host (normalised) that hit it
 * @param reason   the strongest reason
 * @param detail   the reason in words, e.g. {@code "same registrable domain skat.dk"}
 */
public record ClaimMatch(String targetId, String host, Match.Reason reason, String detail) {

    public ClaimMatch {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Each target a claim's hosts hit, once, with the first (strongest) reason found. */
    public static List<ClaimMatch> of(Claim claim, TargetIndex index) {
        Map<String, ClaimMatch> out = new LinkedHashMap<>();
        for (HostName h : claim.hosts()) {
            for (Match m : index.matches(h)) {
                keepStrongest(out, new ClaimMatch(m.target().id(), h.host(), m.reason(), m.detail()));
            }
        }
        return List.copyOf(out.values());
    }

    /** Puts {@code candidate} in {@code best} (by target id) unless a stronger or equal reason is there. */
    static void keepStrongest(Map<String, ClaimMatch> best, ClaimMatch candidate) {
        ClaimMatch had = best.get(candidate.targetId());
        if (had == null || candidate.reason().compareTo(had.reason()) < 0) {
            best.put(candidate.targetId(), candidate);
        }
    }
}
