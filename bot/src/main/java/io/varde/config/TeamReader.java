package io.varde.config;

import io.varde.incident.EscalationPolicy;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code team.yaml} into a {@link TeamConfig}: {@code roles}, {@code mutes},
 * {@code webhooks}, {@code policies}, {@code routes} and {@code default}, every one optional.
 * The result is only meaningful when no problem was reported.
 */
final class TeamReader {

    /** What a missing {@code team.yaml} (or a missing section of it) means. */
    static final Role UNKNOWN_USERS = Role.VIEWER;
    static final Duration MAX_MUTE = Duration.ofDays(7);

    private static final List<String> ROOT_KEYS =
            List.of("roles", "mutes", "webhooks", "policies", "routes", "default");
    private static final Map<String, Role> ROLE_LISTS =
            Map.of("leads", Role.LEAD, "responders", Role.RESPONDER, "viewers", Role.VIEWER);
    private static final List<String> ROLES_KEYS =
            List.of("unknown-users", "leads", "responders", "viewers");
    private static final List<String> MUTES_KEYS = List.of("max");

    private TeamReader() {
    }

    /** Everything at its default: unknown users are viewers, all incidents go to the console. */
    static TeamConfig defaults() {
        return new TeamConfig(new Team(Map.of(), UNKNOWN_USERS, MAX_MUTE), List.of(),
                RouteReader.defaultFallback(), Map.of(), Map.of());
    }

    static TeamConfig read(YamlMap top) {
        top.rejectUnknown(ROOT_KEYS);
        Map<String, Role> members = new LinkedHashMap<>();
        Role unknownUsers = UNKNOWN_USERS;
        Optional<YamlMap> roles = top.map("roles");
        if (roles.isPresent()) {
            unknownUsers = roles(roles.get(), members);
        }
        Duration maxMute = top.map("mutes").flatMap(TeamReader::maxMute).orElse(MAX_MUTE);

        Optional<YamlMap> webhookMap = top.map("webhooks");
        List<String> webhookNames = webhookMap.map(m -> List.copyOf(m.keys())).orElse(List.of());
        Map<String, TeamConfig.Webhook> webhooks =
                webhookMap.map(PolicyReader::webhooks).orElse(Map.of());
        Optional<YamlMap> policyMap = top.map("policies");
        Map<String, EscalationPolicy> policies = policyMap
                .map(m -> PolicyReader.policies(m, webhookNames)).orElse(Map.of());

        RouteReader reader = new RouteReader(top.values(),
                policyMap.map(m -> List.copyOf(m.keys())).orElse(List.of()), webhookNames);
        List<Route> routes = top.list("routes").map(reader::routes).orElse(List.of());
        Route fallback = top.map("default").flatMap(reader::fallback)
                .orElseGet(RouteReader::defaultFallback);
        return new TeamConfig(new Team(members, unknownUsers, maxMute), routes, fallback,
                policies, webhooks);
    }

    /**
     * Reads {@code roles:}, adding each listed identity to {@code members}; returns the role of
     * unknown users. An identity listed under two roles is an error: which one was meant cannot
     * be guessed, and taking the higher one silently would hand out rights by mistake.
     */
    private static Role roles(YamlMap roles, Map<String, Role> members) {
        roles.rejectUnknown(ROLES_KEYS);
        Map<String, TeamLists.Item> firstSeen = new LinkedHashMap<>();
        for (String key : roles.keys()) {
            Role role = ROLE_LISTS.get(key);
            if (role == null) {
                continue;
            }
            for (TeamLists.Item item : TeamLists.identityItems(roles, key).orElse(List.of())) {
                Role earlier = members.putIfAbsent(item.text(), role);
                TeamLists.Item first = firstSeen.putIfAbsent(item.text(), item);
                if (earlier != null && earlier != role) {
                    roles.problems().add(item.node(), item.key(), item.text()
                            + " is already listed under " + first.key() + " on line "
                            + Problems.lineOf(first.node()) + "; give each person one role");
                }
            }
        }
        if (!roles.has("unknown-users")) {
            return UNKNOWN_USERS;
        }
        return roles.text("unknown-users").flatMap(text -> {
            for (Role r : Role.values()) {
                if (r.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return Optional.of(r);
                }
            }
            roles.problems().add(roles.get("unknown-users").orElseThrow(),
                    roles.pathOf("unknown-users"),
                    "unknown role \"" + text + "\"; expected one of: none, viewer, responder, lead");
            return Optional.<Role>empty();
        }).orElse(UNKNOWN_USERS);
    }

    private static Optional<Duration> maxMute(YamlMap mutes) {
        mutes.rejectUnknown(MUTES_KEYS);
        return mutes.duration("max", d -> !d.isZero(), "must be more than 0");
    }
}
