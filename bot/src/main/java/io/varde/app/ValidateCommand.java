package io.varde.app;

import io.varde.check.Location;
import io.varde.config.ConfigLoader;
import io.varde.config.DiscordSettings;
import io.varde.config.SlackSettings;
import io.varde.config.VardeConfig;
import io.varde.core.Durations;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code varde validate}: checks the config and exits, 0 when valid, 2 with every error when not. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the rules without running. Exit 0 when valid, 2 with every error when not.")
final class ValidateCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    RulesOptions rules = new RulesOptions();

    ValidateCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        VardeConfig config = rules.load(env, err);
        if (config == null) {
            return Main.INVALID;
        }
        long canaries = config.targets().stream().filter(t -> t.canary()).count();
        out.println(config.rulesDir().resolve(ConfigLoader.TARGETS_FILE) + ": OK, "
                + config.targets().size() + " targets (" + canaries + " canaries)");
        Path team = config.rulesDir().resolve(ConfigLoader.TEAM_FILE);
        TeamConfig t = config.team();
        out.println(team + (Files.exists(team) ? ": OK, " : ": absent, defaults: ")
                + count(t.routes().size(), "route") + " and the default, "
                + count(t.policies().size(), "escalation policy") + ", "
                + count(t.team().members().size(), "person or group", "people or groups") + " with roles");
        Path correlation = config.rulesDir().resolve(ConfigLoader.CORRELATION_FILE);
        out.println(correlation + (Files.exists(correlation) ? ": OK, " : ": absent, ")
                + count(config.correlation().rules().size(), "correlation rule"));
        config.correlation().rules().forEach(r -> out.println(RuleLines.line(r)));
        Path intel = config.rulesDir().resolve(ConfigLoader.INTEL_FILE);
        out.println(intel + (Files.exists(intel) ? ": OK, " : ": absent, ")
                + count(config.intel().of(IntelSource.Kind.TASK_LIST).size(), "task list") + " and "
                + count(config.intel().of(IntelSource.Kind.FEED).size(), "feed") + " to poll");
        for (IntelSource s : config.intel().sources()) {
            out.println("  " + s.name() + ": " + s.kind().word() + " from " + where(config.rulesDir(), s)
                    + ", every " + Durations.format(s.every())
                    + (s.actor().isEmpty() ? "" : ", actor " + s.actor()));
        }
        Path vantage = config.rulesDir().resolve(ConfigLoader.VANTAGE_FILE);
        List<Location> agents = config.vantage().agents();
        out.println(vantage + (Files.exists(vantage) ? ": OK, " : ": absent, ") + "checked from "
                + config.vantage().home().name() + (agents.isEmpty() ? " only" : " and "
                + count(agents.size(), "probe agent location")));
        for (Location l : agents.isEmpty() ? List.<Location>of() : config.vantage().locations()) {
            long checked = config.targets().stream().filter(target -> target.vantage().includes(l.name())).count();
            out.println("  " + l.name() + ": " + (l.agent() ? "agent" : "the nodes")
                    + (l.country() == null ? "" : ", country " + l.country())
                    + (l.sourceAddress() == null ? "" : ", from " + l.sourceAddress())
                    + ", " + count((int) checked, "target")
                    + (l.agent() ? ", " + count(config.vantage().tokens().get(l.name()).size(), "token") : ""));
        }
        out.println(config.slack().map(ValidateCommand::slackLine)
                .orElse("Slack: off (set SLACK_BOT_TOKEN to turn it on)"));
        out.println(config.discord().map(ValidateCommand::discordLine)
                .orElse("Discord: off (set DISCORD_BOT_TOKEN to turn it on)"));
        return 0;
    }

    /** e.g. {@code Discord: on, commands in server 1234..., default channel 5678...}. */
    private static String discordLine(DiscordSettings d) {
        return "Discord: on, " + (d.guildId() == null ? "global commands" : "commands in server " + d.guildId())
                + ", " + (d.defaultChannel() == null ? "no default channel" : "default channel " + d.defaultChannel())
                + (d.apiUrl().equals(DiscordSettings.DISCORD_API) ? "" : ", API " + d.apiUrl())
                + (d.gatewayUrl() == null ? "" : ", gateway " + d.gatewayUrl());
    }

    /** e.g. {@code Slack: on, Socket Mode, /varde, default channel C0OPS, 1 message per 1s per channel}. */
    private static String slackLine(SlackSettings s) {
        return "Slack: on, " + (s.socketMode() ? "Socket Mode" : "HTTP mode at /slack/events") + ", "
                + s.command() + ", " + (s.defaultChannel() == null ? "no default channel"
                : "default channel " + s.defaultChannel()) + ", 1 message per "
                + Durations.format(s.messageInterval()) + " per channel"
                + (s.apiUrl().equals(SlackSettings.SLACK_API) ? "" : ", API " + s.apiUrl());
    }

    /** A URL without its query, or a path relative to the rules directory when it is inside it. */
    private static String where(Path rulesDir, IntelSource s) {
        if (s.remote()) {
            return s.where();
        }
        Path rules = rulesDir.toAbsolutePath().normalize();
        Path path = Path.of(s.location());
        return path.startsWith(rules) ? rules.relativize(path).toString() : path.toString();
    }

    private static String count(int n, String one) {
        return count(n, one, one.endsWith("y") ? one.substring(0, one.length() - 1) + "ies" : one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
