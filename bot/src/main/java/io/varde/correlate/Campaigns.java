package io.varde.correlate;

import io.varde.check.Target;
import io.varde.core.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The campaign rule: K targets with the same values of the {@code group-by} labels go DOWN
 * within T. Targets of a group that are DOWN are remembered with when they went DOWN; when the
 * K-th of them went DOWN within T of each other, the campaign starts with all of them, and every
 * target of the group that goes DOWN later joins it, until every member is UP again.
 */
final class Campaigns {

    /** A group's state: its targets DOWN now, and the running campaign's members (empty when none). */
    private static final class Group {
        final Map<String, Finding.Member> down = new LinkedHashMap<>();
        final Map<String, Boolean> members = new LinkedHashMap<>();
    }

    private final List<Rule.Campaign> rules;
    private final Map<String, Group> groups = new HashMap<>();

    Campaigns(CorrelationRules rules) {
        this.rules = rules.of(Rule.Campaign.class);
    }

    /** True when some rule could take {@code target} into a campaign. */
    boolean mayTake(Target target) {
        return rules.stream().anyMatch(rule -> groupLabels(rule, target).isPresent());
    }

    /** {@code target} went DOWN at {@code at} (from any other state). */
    void down(Target target, Instant at, String problem, List<Finding> out) {
        for (Rule.Campaign rule : rules) {
            Optional<Labels> labels = groupLabels(rule, target);
            if (labels.isEmpty()) {
                continue;
            }
            String key = key(rule, labels.get());
            Group g = groups.computeIfAbsent(key, k -> new Group());
            Finding.Member member = new Finding.Member(target.id(), at, problem);
            g.down.put(target.id(), member);
            if (!g.members.isEmpty()) {
                if (g.members.put(target.id(), true) == null) {
                    out.add(new Finding.CampaignJoined(at, rule.name(), key, member));
                }
                continue;
            }
            Instant from = at.minus(rule.within());
            List<Finding.Member> recent = new ArrayList<>(g.down.values().stream()
                    .filter(m -> !m.since().isBefore(from)).toList());
            if (recent.size() >= rule.minTargets()) {
                recent.sort(Comparator.comparing(Finding.Member::since).thenComparing(Finding.Member::targetId));
                recent.forEach(m -> g.members.put(m.targetId(), true));
                out.add(new Finding.CampaignStarted(at, rule.name(), key, labels.get(), recent, rule.severity()));
            }
        }
    }

    /** {@code target} is no longer DOWN; {@code up} when it is UP (a member back). */
    void notDown(Target target, boolean up) {
        for (Rule.Campaign rule : rules) {
            Optional<Labels> labels = groupLabels(rule, target);
            if (labels.isEmpty()) {
                continue;
            }
            Group g = groups.get(key(rule, labels.get()));
            if (g == null) {
                continue;
            }
            g.down.remove(target.id());
            if (up && g.members.containsKey(target.id())) {
                g.members.put(target.id(), false);
                if (!g.members.containsValue(true)) {
                    g.members.clear();
                }
            }
        }
    }

    /** The group-by labels of {@code target} for {@code rule}, or empty when it lacks one or the rule does not apply. */
    private static Optional<Labels> groupLabels(Rule.Campaign rule, Target target) {
        if (!rule.appliesTo(target.labels())) {
            return Optional.empty();
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : rule.groupBy()) {
            String v = target.labels().get(name);
            if (v == null || v.isEmpty()) {
                return Optional.empty();
            }
            values.put(name, v);
        }
        return Optional.of(Labels.of(values));
    }

    /** e.g. {@code campaign:government-campaign:sector=municipal}. */
    static String key(Rule.Campaign rule, Labels labels) {
        StringBuilder sb = new StringBuilder("campaign:").append(rule.name());
        labels.map().forEach((k, v) -> sb.append(':').append(k).append('=').append(v));
        return sb.toString();
    }

    /** Puts back {@code target} as DOWN since {@code since} in its groups (after a restart). */
    void restoreDown(Target target, Instant since) {
        for (Rule.Campaign rule : rules) {
            groupLabels(rule, target).ifPresent(labels -> groups.computeIfAbsent(key(rule, labels), k -> new Group())
                    .down.putIfAbsent(target.id(), new Finding.Member(target.id(), since, "")));
        }
    }

    /** Puts back running campaign {@code key} with the members not yet UP (after a restart). */
    void restore(String key, List<String> membersNotUp) {
        Group g = groups.computeIfAbsent(key, k -> new Group());
        membersNotUp.forEach(id -> g.members.put(id, true));
    }
}
