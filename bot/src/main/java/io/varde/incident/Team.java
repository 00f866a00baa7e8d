package io.varde.incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
}
