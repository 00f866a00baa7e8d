package io.varde.chat.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the Slack user groups named in the team file a user is in, for role mapping
 * ({@code slack-group:S0LEADS} in {@code rules/team.yaml}). Slack does not say it in a command's
 * payload, so the members of those groups (and only those) are read with
 * {@code usergroups.users.list} and kept for {@value #TTL_MINUTES} minutes. When Slack cannot be
 * asked, the last members read are used, and the failure is logged once per streak; before any
 * successful read a user is in no group (so gets the role given to them alone, or
 * {@code unknown-users}'s). Thread-safe.
 */
final class SlackGroups {

    private static final Logger LOG = LoggerFactory.getLogger(SlackGroups.class);
    static final int TTL_MINUTES = 5;

    private final MethodsClient methods;
    private final Set<String> groups;
    private final Clock clock;
    private Map<String, List<String>> byUser = Map.of();
    private Instant readAt;
    private boolean failing;

    /** @param groups the user group ids the team file names, e.g. {@code S0LEADS} */
    SlackGroups(MethodsClient methods, Set<String> groups, Clock clock) {
        this.methods = methods;
        this.groups = Set.copyOf(groups);
        this.clock = clock;
    }

    /** The ids of the named groups {@code userId} is in. */
    synchronized List<String> of(String userId) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(Duration.ofMinutes(TTL_MINUTES)))) {
            read(now);
        }
        return byUser.getOrDefault(userId, List.of());
    }

    private void read(Instant now) {
        Map<String, List<String>> fresh = new HashMap<>();
        for (String group : groups) {
            String error;
            try {
                var answer = methods.usergroupsUsersList(r -> r.usergroup(group));
                if (answer.isOk()) {
                    for (String user : answer.getUsers()) {
                        fresh.computeIfAbsent(user, u -> new ArrayList<>()).add(group);
                    }
                    continue;
                }
                error = answer.getError();
            } catch (IOException | SlackApiException e) {
                error = e.getClass().getSimpleName();
            }
            if (!failing) {
                LOG.warn("event=slack_groups_unreadable group={} error={} hint=\"roles given to Slack user "
                        + "groups need the usergroups:read scope (see docs/slack-app-manifest.yaml)\"", group, error);
            }
            failing = true;
            readAt = now;
            return;
        }
        if (failing) {
            LOG.info("event=slack_groups_readable groups={}", groups.size());
        }
        failing = false;
        byUser = Map.copyOf(fresh);
        readAt = now;
    }
}
