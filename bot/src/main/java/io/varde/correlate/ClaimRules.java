package io.varde.correlate;

import io.varde.check.Target;
import io.varde.intel.ClaimMatch;
import io.varde.intel.StoredClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two claim rules: <em>claimed attack</em> (an outage and a claim within the window, either
 * order) and <em>claimed, not observed</em> (no outage within the window either side, decided
 * when the window has passed). A claim counts for a target when it hits the target itself, or,
 * with {@code equal} labels, a target with the same values of them (the same {@code org}).
 */
final class ClaimRules {

    /** A not-observed rule's verdict on a claim, due when its window has passed. */
    private record Pending(Rule.ClaimedNotObserved rule, StoredClaim claim, Instant due) {
    }

    private final List<Rule.ClaimedAttack> attackRules;
    private final List<Rule.ClaimedNotObserved> silentRules;
    private final Map<String, Target> targets;
    private final Outages outages;
    private final List<StoredClaim> claims = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    ClaimRules(CorrelationRules rules, Map<String, Target> targets, Outages outages) {
        this.attackRules = rules.of(Rule.ClaimedAttack.class);
        this.silentRules = rules.of(Rule.ClaimedNotObserved.class);
        this.targets = targets;
        this.outages = outages;
    }

    /** The longest window of any claim rule: how long claims and outages must be remembered. */
    Duration horizon() {
        Duration max = Duration.ZERO;
        for (Rule.ClaimedAttack r : attackRules) {
            max = max.compareTo(r.window()) < 0 ? r.window() : max;
        }
        for (Rule.ClaimedNotObserved r : silentRules) {
            max = max.compareTo(r.window()) < 0 ? r.window() : max;
        }
        return max;
    }

    /** {@code targetId}'s outage began at {@code start}: claims already seen within the window. */
    void outageStarted(String targetId, Instant start, List<Finding> out) {
        Target target = targets.get(targetId);
        if (target == null) {
            return;
        }
        for (Rule.ClaimedAttack rule : attackRules) {
            if (!rule.appliesTo(target.labels())) {
                continue;
            }
            for (StoredClaim c : claims) {
                Instant claimed = c.claim().claimedAt();
                if (rule.sources().contains(c.claim().source()) && !claimed.isBefore(start.minus(rule.window()))
                        && !claimed.isAfter(start.plus(rule.window()))) {
                    hit(c, target, rule.equal()).ifPresent(m -> attack(rule, targetId, c, m, start, start, out));
                }
            }
        }
    }

    /** A new claim at {@code now}: outages already seen within the window, and the verdicts to make later. */
    void claimSeen(StoredClaim c, Instant now, List<Finding> out) {
        claims.add(c);
        Instant claimed = c.claim().claimedAt();
        for (Rule.ClaimedAttack rule : attackRules) {
            if (!rule.sources().contains(c.claim().source())) {
                continue;
            }
            for (Map.Entry<String, ClaimMatch> e : scope(c, rule.equal()).entrySet()) {
                Target target = targets.get(e.getKey());
                if (rule.appliesTo(target.labels())) {
                    outages.within(e.getKey(), claimed.minus(rule.window()), claimed.plus(rule.window()))
                            .ifPresent(s -> attack(rule, e.getKey(), c, e.getValue(), s.start(), now, out));
                }
            }
        }
        for (Rule.ClaimedNotObserved rule : silentRules) {
            if (rule.sources().contains(c.claim().source()) && !direct(c, rule).isEmpty()) {
                pending.add(new Pending(rule, c, claimed.plus(rule.window())));
            }
        }
    }

    /** Verdicts whose window has passed at {@code now}; forgets claims older than the horizon. */
    void tick(Instant now, List<Finding> out) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.due().isAfter(now)) {
                continue;
            }
            it.remove();
            Instant claimed = p.claim().claim().claimedAt();
            Duration w = p.rule().window();
            boolean seen = scope(p.claim(), p.rule().equal()).keySet().stream()
                    .anyMatch(id -> outages.within(id, claimed.minus(w), claimed.plus(w)).isPresent());
            if (!seen) {
                out.add(new Finding.ClaimedNotObserved(p.due(), p.rule().name(), p.claim(),
                        direct(p.claim(), p.rule()), w));
            }
        }
        Instant horizon = now.minus(horizon());
        claims.removeIf(c -> c.claim().claimedAt().isBefore(horizon));
    }

    /** Drops the verdicts already due at {@code now}: after a restart the outages they need are gone. */
    void dropDue(Instant now) {
        pending.removeIf(p -> !p.due().isAfter(now));
    }

    private void attack(Rule.ClaimedAttack rule, String targetId, StoredClaim c, ClaimMatch m, Instant start,
                        Instant at, List<Finding> out) {
        if (reported.add(rule.name() + "|" + c.id() + "|" + targetId)) {
            out.add(new Finding.ClaimedAttack(at, rule.name(), targetId, c, m, start,
                    Duration.between(start, c.claim().claimedAt()), rule.severity()));
        }
    }

    /** The claim's direct hits on targets the rule applies to. */
    private List<ClaimMatch> direct(StoredClaim c, Rule.ClaimedNotObserved rule) {
        return c.matches().stream().filter(m -> {
            Target t = targets.get(m.targetId());
            return t != null && rule.appliesTo(t.labels());
        }).toList();
    }

    /** Every target the claim counts for, each with the hit it counts by (its own first). */
    private Map<String, ClaimMatch> scope(StoredClaim c, List<String> equal) {
        Map<String, ClaimMatch> out = new LinkedHashMap<>();
        for (ClaimMatch m : c.matches()) {
            if (targets.containsKey(m.targetId())) {
                out.put(m.targetId(), m);
            }
        }
        if (!equal.isEmpty()) {
            for (Target t : targets.values()) {
                if (!out.containsKey(t.id())) {
                    hit(c, t, equal).ifPresent(m -> out.put(t.id(), m));
                }
            }
        }
        return out;
    }

    /** The claim's hit on {@code target} itself, else on a target sharing the {@code equal} labels. */
    private Optional<ClaimMatch> hit(StoredClaim c, Target target, List<String> equal) {
        Optional<ClaimMatch> own = c.matches().stream().filter(m -> m.targetId().equals(target.id())).findFirst();
        if (own.isPresent() || equal.isEmpty()) {
            return own;
        }
        return c.matches().stream().filter(m -> {
            Target other = targets.get(m.targetId());
            return other != null && sameLabels(target, other, equal);
        }).findFirst();
    }

    static boolean sameLabels(Target a, Target b, List<String> names) {
        for (String n : names) {
            String v = a.labels().get(n);
            if (v == null || v.isEmpty() || !v.equals(b.labels().get(n))) {
                return false;
            }
        }
        return true;
    }
}
