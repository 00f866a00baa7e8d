package io.varde.correlate;

import io.varde.check.Target;
import io.varde.detect.DetectionEvent;
import io.varde.detect.TargetState;
import io.varde.intel.IntelEvent;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the correlation rules on every signal: detection events, intel events (claims,
 * task list changes), and the passing of time. Remembers what the rules need (recent outages,
 * claims, running campaigns and inhibitions) in memory. Not thread-safe: one thread feeds it
 * (the incident thread), in order. Time is an input: each signal carries its own.
 */
public final class Correlator {

    private final CorrelationRules rules;
    private final Map<String, Target> targets;
    private final Outages outages = new Outages();
    private final ClaimRules claims;
    private final Campaigns campaigns;
    private final Inhibitions inhibitions;

    public Correlator(CorrelationRules rules, List<Target> targets) {
        this.rules = rules;
        Map<String, Target> byId = new LinkedHashMap<>();
        targets.forEach(t -> byId.put(t.id(), t));
        this.targets = Map.copyOf(byId);
        this.claims = new ClaimRules(rules, this.targets, outages);
        this.campaigns = new Campaigns(rules);
        this.inhibitions = new Inhibitions(rules);
    }

    /**
     * True when a campaign rule could take {@code target} over (it matches the rule and has
     * every label the rule groups by). Pure and thread-safe: it reads the rules only.
     */
    public boolean mayCampaign(Target target) {
        return campaigns.mayTake(target);
    }

    /** What the rules conclude from a detection event. */
    public List<Finding> onDetection(DetectionEvent event) {
        List<Finding> out = new ArrayList<>();
        if (event instanceof DetectionEvent.StateChanged s) {
            changed(s.target(), s.from(), s.to(), s.at(), s.problem(), out);
        } else if (event instanceof DetectionEvent.FlappingStarted f && f.current().isProblem()) {
            outageStarted(f.target(), f.at(), out);
        } else if (event instanceof DetectionEvent.FlappingStopped f && f.current() == TargetState.UP) {
            outages.ended(f.target().id(), f.at());
        }
        return out;
    }

    private void changed(Target target, TargetState from, TargetState to, Instant at, String problem,
                         List<Finding> out) {
        if (to == TargetState.DOWN && from != TargetState.DOWN) {
            inhibitions.down(target, at, out);
            campaigns.down(target, at, problem, out);
        } else if (from == TargetState.DOWN && to != TargetState.DOWN) {
            inhibitions.notDown(target, at, out);
            campaigns.notDown(target, to == TargetState.UP);
        }
        if (to.isProblem() && !from.isProblem()) {
            outageStarted(target, at, out);
        } else if (from.isProblem() && !to.isProblem()) {
            outages.ended(target.id(), at);
        }
    }

    private void outageStarted(Target target, Instant at, List<Finding> out) {
        outages.started(target.id(), at);
        claims.outageStarted(target.id(), at, out);
    }

    /** What the rules conclude from new intel, learnt at {@code now}. */
    public List<Finding> onIntel(IntelEvent event, Instant now) {
        List<Finding> out = new ArrayList<>();
        if (event instanceof IntelEvent.ClaimSeen c) {
            claims.claimSeen(c.claim(), now, out);
            claims.tick(now, out);
        } else if (event instanceof IntelEvent.TaskingChanged t) {
            tasking(t, out);
        }
        return out;
    }

    private void tasking(IntelEvent.TaskingChanged t, List<Finding> out) {
        for (Rule.Tasked rule : rules.of(Rule.Tasked.class)) {
            List<TaskedTarget> added = t.added().stream()
                    .filter(tt -> applies(rule, tt.targetId())).toList();
            List<String> removed = t.removed().stream().filter(id -> applies(rule, id)).toList();
            if (!added.isEmpty()) {
                out.add(new Finding.Tasked(t.at(), rule.name(), t.source(), added, rule.tighten(), rule.severity()));
            }
            if (!removed.isEmpty()) {
                out.add(new Finding.Untasked(t.at(), rule.name(), t.source(), removed));
            }
        }
    }

    private boolean applies(Rule rule, String targetId) {
        Target target = targets.get(targetId);
        return target != null && rule.appliesTo(target.labels());
    }

    /** How far back claims matter: the longest window of a claim rule. */
    public Duration memory() {
        return claims.horizon();
    }

    /** Verdicts that fall due at {@code now} (claimed, not observed); forgets what is past every window. */
    public List<Finding> tick(Instant now) {
        List<Finding> out = new ArrayList<>();
        claims.tick(now, out);
        outages.forgetBefore(now.minus(claims.horizon()).minus(claims.horizon()));
        return out;
    }

    /**
     * Puts back, after a restart, the targets that are DOWN and since when, for the campaign
     * rules: a campaign that had not formed yet when Varde stopped forms with them when enough
     * others follow within the window, as it would have without the restart. Emits nothing.
     */
    public void restoreDown(Map<String, Instant> downSince) {
        downSince.forEach((id, since) -> {
            Target t = targets.get(id);
            if (t != null) {
                campaigns.restoreDown(t, since);
            }
        });
    }

    /**
     * Puts back, after a restart, what the rules had learnt before it: targets in an outage and
     * since when (from the open incidents), running campaigns and inhibitions (by their keys, from
     * the open incidents and mutes), and the claims still within {@link #memory()} (from the
     * store). Claims are matched with outages again (the incident side ignores a claim already
     * noted on an incident, so a repeat changes nothing); a claim whose not-observed window
     * passed while Varde was down is not judged, since the outages of that time are not known.
     *
     * @param campaigns by campaign key, the ids of its members not yet back UP
     */
    public List<Finding> restore(Map<String, Instant> outageSince, Map<String, List<String>> campaigns,
                                 Set<String> inhibitionKeys, List<StoredClaim> recentClaims, Instant now) {
        List<Finding> out = new ArrayList<>();
        outageSince.forEach((id, since) -> {
            if (targets.containsKey(id)) {
                outages.started(id, since);
            }
        });
        campaigns.forEach(this.campaigns::restore);
        inhibitionKeys.forEach(inhibitions::restore);
        for (StoredClaim c : recentClaims) {
            claims.claimSeen(c, now, out);
        }
        claims.dropDue(now);
        return out;
    }
}
