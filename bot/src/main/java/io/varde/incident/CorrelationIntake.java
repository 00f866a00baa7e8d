package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Durations;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.correlate.Finding;
import io.varde.detect.TargetState;
import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.ClaimSource;
import io.varde.intel.StoredClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns correlation findings into incident changes. Every change is safe to apply twice (after a
 * restart, or a retry after the store failed): a claim already in an incident's evidence, a
 * campaign already open, an inhibition already muting, change nothing.
 */
final class CorrelationIntake {

    private static final Logger log = LoggerFactory.getLogger(CorrelationIntake.class);
    private final TeamConfig config;
    private final Map<String, Target> targets;
    private final Publisher publisher;
    private final HumanActions actions;
    private final TaskListNotices taskLists;

    CorrelationIntake(TeamConfig config, Map<String, Target> targets, Publisher publisher, HumanActions actions) {
        this.config = config;
        this.targets = targets;
        this.publisher = publisher;
        this.actions = actions;
        this.taskLists = new TaskListNotices(config, targets, publisher);
    }

    /** True for findings that must be applied before the detection event that caused them. */
    static boolean before(Finding f) {
        return f instanceof Finding.CampaignStarted || f instanceof Finding.CampaignJoined
                || f instanceof Finding.InhibitionStarted;
    }

    void apply(IncidentTx tx, Finding f) {
        if (f instanceof Finding.ClaimedAttack a) {
            claimedAttack(tx, a);
        } else if (f instanceof Finding.ClaimedNotObserved n) {
            notObserved(tx, n);
        } else if (f instanceof Finding.CampaignStarted c) {
            campaignStarted(tx, c);
        } else if (f instanceof Finding.CampaignJoined j) {
            campaignJoined(tx, j);
        } else if (f instanceof Finding.InhibitionStarted s) {
            inhibitionStarted(tx, s);
        } else if (f instanceof Finding.InhibitionEnded e) {
            inhibitionEnded(tx, e);
        } else if (f instanceof Finding.Tasked t) {
            taskLists.tasked(tx, t);
        } else if (f instanceof Finding.Untasked u) {
            taskLists.untasked(tx, u);
        }
    }

    private void claimedAttack(IncidentTx tx, Finding.ClaimedAttack a) {
        Optional<Incident> found = tx.unresolvedWithTarget(a.targetId());
        if (found.isEmpty()) {
            found = tx.recent(50).stream()
                    .filter(i -> i.kind().ownsTargets() && i.target(a.targetId()) != null
                            && !i.openedAt().isAfter(a.outageStart()))
                    .findFirst();
        }
        if (found.isEmpty() || found.get().hasEvidence(a.claim().ref())) {
            return;
        }
        Incident i = found.get();
        Incident.Builder b = Revisions.next(i, a.at());
        List<Evidence> evidence = new ArrayList<>(i.evidence());
        String text = claimText(a.claim(), a.match()) + ", " + lag(a.lag()) + " (rule " + a.rule() + ")";
        evidence.add(new Evidence(a.claim().ref(), text));
        b.evidence = evidence;
        if (!i.resolved()) {
            Revisions.summarise(b, targets);
        } else {
            b.title = b.title.startsWith(Revisions.CLAIMED) ? b.title : Revisions.CLAIMED + b.title;
        }
        publisher.changed(tx, Change.of(b.build(), TimelineAction.CLAIMED, Actor.SYSTEM, text), a.at());
    }

    private void notObserved(IncidentTx tx, Finding.ClaimedNotObserved n) {
        String key = "claim:" + n.claim().ref() + ":" + n.rule();
        if (tx.unresolvedByKey(key).isPresent() || n.targets().isEmpty()) {
            return;
        }
        List<AffectedTarget> named = new ArrayList<>();
        for (ClaimMatch m : n.targets()) {
            named.add(new AffectedTarget(m.targetId(), TargetState.UP, n.at(), "claimed, no outage seen"));
        }
        Claim c = n.claim().claim();
        String names = String.join(", ", n.targets().stream().map(ClaimMatch::targetId).toList());
        String text = claimText(n.claim(), n.targets().get(0)) + "; no outage of " + names + " seen within "
                + Durations.format(n.window()) + " before or after (rule " + n.rule() + ")";
        Route route = config.routeFor(labelsOf(n.targets().get(0).targetId(), targets), Severity.INFO);
        Incident.Builder b = Revisions.fresh(tx, config, key, route, named, IncidentKind.CLAIMED_NOT_OBSERVED,
                Severity.INFO, "Claimed, not observed: " + names + " (" + c.actorOrUnknown() + ")",
                n.at());
        b.evidence = List.of(new Evidence(n.claim().ref(), text));
        DetectionIntake.resolve(b, n.at());
        publisher.opened(tx, new Change(b.build(), TimelineAction.OPENED, Actor.SYSTEM, "notice: " + text,
                List.of(), true), n.at());
    }

    private void campaignStarted(IncidentTx tx, Finding.CampaignStarted c) {
        if (tx.unresolvedByKey(c.key()).isPresent()) {
            for (Finding.Member m : c.members()) {
                campaignJoined(tx, new Finding.CampaignJoined(c.at(), c.rule(), c.key(), m));
            }
            return;
        }
        List<AffectedTarget> members = new ArrayList<>();
        for (Finding.Member m : c.members()) {
            members.add(new AffectedTarget(m.targetId(), TargetState.DOWN, m.since(), m.problem()));
        }
        Route route = config.routeFor(c.labels(), c.severity());
        Incident.Builder b = Revisions.fresh(tx, config, c.key(), route, members, IncidentKind.CAMPAIGN, c.severity(), "-", c.at());
        String text = members.size() + " targets with " + labelText(c.labels()) + " went DOWN within the window of rule "
                + c.rule() + ": one campaign incident instead of " + members.size() + " alerts";
        b.evidence = List.of(new Evidence("rule:" + c.rule(), text));
        Revisions.summarise(b, targets);
        leaveOwnIncidents(tx, c.members().stream().map(Finding.Member::targetId).toList(), b.number, c.at());
        List<String> mentions = DetectionIntake.startEscalation(b, config, c.at());
        publisher.opened(tx, new Change(b.build(), TimelineAction.OPENED, Actor.SYSTEM, "opened: " + text,
                mentions, true), c.at());
    }

    private void campaignJoined(IncidentTx tx, Finding.CampaignJoined j) {
        Optional<Incident> campaign = tx.unresolvedByKey(j.key());
        if (campaign.isEmpty()) {
            log.info("campaign join skipped key={} target={} reason=campaign incident resolved", j.key(),
                    j.member().targetId());
            return;
        }
        Incident i = campaign.get();
        AffectedTarget had = i.target(j.member().targetId());
        if (had != null && !had.recovered()) {
            return;
        }
        leaveOwnIncidents(tx, List.of(j.member().targetId()), i.number(), j.at());
        List<AffectedTarget> next = new ArrayList<>(i.targets());
        next.removeIf(t -> t.targetId().equals(j.member().targetId()));
        next.add(new AffectedTarget(j.member().targetId(), TargetState.DOWN, j.member().since(), j.member().problem()));
        String name = Revisions.displayName(j.member().targetId(), targets);
        publisher.changed(tx, Change.of(Revisions.withTargets(i, next, targets, j.at()).build(),
                TimelineAction.TARGET_JOINED, Actor.SYSTEM, name + " joined the campaign: DOWN"
                        + (j.member().problem().isEmpty() ? "" : ": " + j.member().problem())).member(name, "DOWN"),
                j.at());
    }

    /**
     * Takes {@code targetIds} out of their own incidents for campaign {@code into}: one change per
     * incident, which resolves when nothing of it is left down.
     */
    private void leaveOwnIncidents(IncidentTx tx, List<String> targetIds, long into, Instant at) {
        Map<Long, Incident> own = new LinkedHashMap<>();
        Map<Long, List<String>> leaving = new LinkedHashMap<>();
        for (String id : targetIds) {
            tx.unresolvedWithTarget(id).filter(i -> i.number() != into).ifPresent(i -> {
                own.putIfAbsent(i.number(), i);
                leaving.computeIfAbsent(i.number(), n -> new ArrayList<>()).add(id);
            });
        }
        for (Map.Entry<Long, List<String>> e : leaving.entrySet()) {
            Incident i = own.get(e.getKey());
            List<AffectedTarget> rest = new ArrayList<>(i.targets());
            rest.removeIf(t -> e.getValue().contains(t.targetId()));
            String text = String.join(", ", e.getValue().stream().map(id -> Revisions.displayName(id, targets)).toList())
                    + " rolled up into campaign " + Incident.id(into);
            if (rest.stream().allMatch(AffectedTarget::recovered)) {
                Incident.Builder b = Revisions.next(i, at);
                DetectionIntake.resolve(b, at);
                publisher.changed(tx, Change.of(b.build(), TimelineAction.RESOLVED, Actor.SYSTEM,
                        text + ": resolved here").onlyIfAnnounced(), at);
            } else {
                String names = String.join(", ", e.getValue().stream().map(id -> Revisions.displayName(id, targets)).toList());
                publisher.changed(tx, Change.of(Revisions.withTargets(i, rest, targets, at).build(),
                        TimelineAction.TARGET_RECOVERED, Actor.SYSTEM, text)
                        .member(names, "rolled up into " + Incident.id(into)), at);
            }
        }
    }

    private void inhibitionStarted(IncidentTx tx, Finding.InhibitionStarted s) {
        if (!inhibitionMutes(tx, s.key(), s.at()).isEmpty()) {
            return;
        }
        // As long as the team's longest mute: the source's recovery normally ends it long before.
        ActionResult r = actions.mute(tx, new MuteScope.OfLabels(s.scope()), config.team().maxMute(),
                s.key() + " (" + Revisions.displayName(s.sourceId(), targets) + " is DOWN)", Actor.SYSTEM, s.at());
        if (r.ok()) {
            log.info("inhibition started key={} scope={} result={}", s.key(), s.scope(), r.message());
        } else {
            log.warn("inhibition not started key={} scope={} reason={}", s.key(), s.scope(), r.message());
        }
    }

    private void inhibitionEnded(IncidentTx tx, Finding.InhibitionEnded e) {
        List<Mute> ending = inhibitionMutes(tx, e.key(), e.at());
        if (!ending.isEmpty()) {
            actions.endMutes(tx, ending, e.at(), Actor.SYSTEM, TimelineAction.UNMUTED, "no longer held back: "
                    + Revisions.displayName(e.sourceId(), targets) + " is no longer DOWN (" + e.key() + ")");
        }
    }

    /** The active mutes inhibition {@code key} set. */
    static List<Mute> inhibitionMutes(IncidentTx tx, String key, Instant now) {
        return tx.unendedMutes().stream()
                .filter(m -> m.activeAt(now) && inhibitionKey(m).filter(key::equals).isPresent())
                .toList();
    }

    /**
     * The key of the inhibition that set {@code mute}, if one did: Varde's own mutes whose reason
     * starts with the key ({@code inhibition:<rule>:<source> (...)}), as {@link #inhibitionStarted}
     * writes it.
     */
    static Optional<String> inhibitionKey(Mute mute) {
        if (!mute.by().isSystem()) {
            return Optional.empty();
        }
        String key = mute.reason().split(" ", 2)[0];
        return key.startsWith(Finding.InhibitionStarted.PREFIX) ? Optional.of(key) : Optional.empty();
    }


    /** e.g. {@code sector=municipal}. */
    private static String labelText(Labels labels) {
        return String.join(", ", labels.map().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static Labels labelsOf(String targetId, Map<String, Target> targets) {
        Target t = targets.get(targetId);
        return t == null ? Labels.empty() : t.labels();
    }

    /** e.g. {@code claimed by NoName057(16) (feed noname-telegram, C-12) at 2025-11-13 09:12 UTC: www.trm.dk hits trm-dk (same host)}. */
    static String claimText(StoredClaim stored, ClaimMatch match) {
        Claim c = stored.claim();
        String kind = c.source() == ClaimSource.TASK_LIST ? "tasked by " : "claimed by ";
        return kind + c.actorOrUnknown() + " (" + c.source().word() + " " + c.sourceName() + ", " + stored.ref()
                + ") at " + IncidentCards.time(c.claimedAt()) + ": " + match.host() + " hits " + match.targetId()
                + " (" + match.detail() + ")";
    }

    /** The lag in words: {@code 12m after we detected it} / {@code 3m before we detected it}. */
    static String lag(Duration lag) {
        Duration d = lag.isNegative() ? lag.negated() : lag;
        return Durations.format(d.withNanos(0)) + (lag.isNegative() ? " before" : " after") + " we detected it";
    }

}
