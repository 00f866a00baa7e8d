package io.varde.incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what, from {@code rules/team.yaml}.
 *
 * @param members      role by identity: {@code slack:U123}, {@code slack-group:S123},
 *                     {@code discord:1234}, {@code discord-role:5678}
 * @param unknownUsers the role of anyone not listed
 * @param maxMute      the longest mute allowed
 */
public record Team(Map<String, Role> members, Role unknownUsers, Duration maxMute) {

    public Team {
        members = Map.copyOf(members);
        Objects.requireNonNull(unknownUsers, "unknownUsers");
        Objects.requireNonNull(maxMute, "maxMute");
    }

    /**
     * The highest role {@code actor} has, directly or through one of {@code groups} (Slack user
     * group ids or Discord role ids the platform reported for them). The local operator is a lead.
     */
    public Role roleOf(Actor actor, List<String> groups) {
        if (actor.platform().equals("cli") || actor.isSystem()) {
            return Role.LEAD;
        }
        Role best = members.get(actor.platform() + ":" + actor.id());
        String groupKind = actor.platform().equals("discord") ? "discord-role:" : actor.platform() + "-group:";
        for (String g : groups) {
            Role r = members.get(groupKind + g);
            if (r != null && (best == null || r.compareTo(best) > 0)) {
                best = r;
            }
        }
        return best != null ? best : unknownUsers;
    }

    /**
     * The ids of the groups of one kind that hold a role, e.g. {@code S0LEADS} for
     * {@code slack-group:S0LEADS} when {@code kind} is {@code slack-group}.
     */
    public Set<String> groups(String kind) {
        String prefix = kind + ":";
        return members.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).collect(Collectors.toUnmodifiableSet());
    }
}
