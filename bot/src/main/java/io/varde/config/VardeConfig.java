package io.varde.config;

import io.varde.check.Target;
import io.varde.correlate.CorrelationRules;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated, complete configuration: every default applied, every reference resolved.
 *
 * @param rulesDir  the directory the config was read from, as the caller gave it
 * @param targets   the monitored targets in file order; never empty, ids unique
 * @param scheduler scheduling and concurrency settings
 * @param team      roles, routes, escalation policies and webhooks from {@code team.yaml}, or
 *                  their defaults when the file is absent
 * @param correlation the rules of {@code correlation.yaml}, or {@link CorrelationRules#NONE} when
 *                    the file is absent
 * @param intel     the polled threat-intel sources from {@code intel.yaml}; none when the file
 *                  is absent
 * @param slack     Slack, from the environment; empty when {@code SLACK_BOT_TOKEN} is unset
 * @param discord   Discord, from the environment; empty when {@code DISCORD_BOT_TOKEN} is unset
 * @param vantage   the locations of {@code vantage.yaml}, or {@code home} alone when it is absent
 */
public record VardeConfig(Path rulesDir, List<Target> targets, SchedulerSettings scheduler,
                          TeamConfig team, CorrelationRules correlation, IntelSources intel,
                          Optional<SlackSettings> slack, Optional<DiscordSettings> discord,
                          VantageConfig vantage) {

    public VardeConfig {
        targets = List.copyOf(targets);
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(correlation, "correlation");
        Objects.requireNonNull(intel, "intel");
        Objects.requireNonNull(slack, "slack");
        Objects.requireNonNull(discord, "discord");
        Objects.requireNonNull(vantage, "vantage");
    }

    /** A configuration checked from {@code home} alone. */
    public VardeConfig(Path rulesDir, List<Target> targets, SchedulerSettings scheduler,
                       TeamConfig team, CorrelationRules correlation, IntelSources intel,
                       Optional<SlackSettings> slack, Optional<DiscordSettings> discord) {
        this(rulesDir, targets, scheduler, team, correlation, intel, slack, discord, VantageConfig.homeOnly());
    }

    /** A configuration without chat platforms. */
    public VardeConfig(Path rulesDir, List<Target> targets, SchedulerSettings scheduler,
                       TeamConfig team, CorrelationRules correlation, IntelSources intel) {
        this(rulesDir, targets, scheduler, team, correlation, intel, Optional.empty(), Optional.empty());
    }

    /** A configuration without correlation rules and intel sources. */
    public VardeConfig(Path rulesDir, List<Target> targets, SchedulerSettings scheduler, TeamConfig team) {
        this(rulesDir, targets, scheduler, team, CorrelationRules.NONE, IntelSources.NONE);
    }

    /**
     * A configuration with the default team and no correlation rules: what a rules directory
     * with only targets.yaml gives.
     */
    public VardeConfig(Path rulesDir, List<Target> targets, SchedulerSettings scheduler) {
        this(rulesDir, targets, scheduler, defaultTeam());
    }

    /**
     * The team settings of a rules directory without {@code team.yaml}: unknown users are
     * viewers, mutes last at most 7 days, no escalation policies, and every incident goes to the
     * console.
     */
    public static TeamConfig defaultTeam() {
        return TeamReader.defaults();
    }
}
