package io.varde.config;

import io.varde.check.Target;
import io.varde.correlate.CorrelationRules;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads {@code targets.yaml} and the optional {@code team.yaml}, {@code correlation.yaml} and
 * {@code intel.yaml} from a rules directory into a {@link VardeConfig}.
 *
 * <p>The whole file is validated before anything is returned, and every problem is reported at
 * once as {@code file:line: key: message}: an operator editing by hand during an incident should
 * fix all mistakes in one pass. The result is complete (every default applied) or not returned
 * at all, so a reload can build the new configuration and swap it in only when it is good.
 *
 * <p>{@code ${VAR}} and {@code ${VAR:-default}} in values are expanded from {@code env}; see
 * {@link EnvExpander}. Loading never touches the network (host names are checked for syntax
 * only).
 */
public final class ConfigLoader {

    /** The name of the targets file inside the rules directory. */
    public static final String TARGETS_FILE = "targets.yaml";
    /** The name of the optional team, routing and escalation file inside the rules directory. */
    public static final String TEAM_FILE = "team.yaml";
    /** The name of the optional correlation rules file inside the rules directory. */
    public static final String CORRELATION_FILE = "correlation.yaml";
    /** The name of the optional vantage points file (locations, agents' tokens) inside the rules directory. */
    public static final String VANTAGE_FILE = "vantage.yaml";

    /** The name of the optional threat-intel sources file inside the rules directory. */
    public static final String INTEL_FILE = "intel.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final List<String> ROOT_KEYS = List.of("defaults", "scheduler", "targets");
    private static final List<String> SCHEDULER_KEYS =
            List.of("shards", "max-concurrent", "max-per-host");

    private ConfigLoader() {
    }

    /**
     * Reads and validates {@code rulesDir/targets.yaml} and, when they exist,
     * {@code rulesDir/team.yaml}, {@code rulesDir/correlation.yaml} and {@code rulesDir/intel.yaml};
     * the problems of all files are reported together.
     *
     * @param rulesDir the rules directory; errors name the file as {@code rulesDir.resolve(...)},
     *                 so a relative dir gives relative file names
     * @param env      the environment for {@code ${VAR}} expansion (callers pass
     *                 {@code System.getenv()}; tests pass a map)
     * @throws ConfigException listing every problem, sorted by file and line
     */
    public static VardeConfig load(Path rulesDir, Map<String, String> env) throws ConfigException {
        Problems vantageProblems = new Problems(rulesDir.resolve(VANTAGE_FILE).toString());
        VantageConfig vantage = optionalFile(rulesDir.resolve(VANTAGE_FILE), vantageProblems, env)
                .map(VantageReader::read).orElseGet(VantageConfig::homeOnly);
        Path file = rulesDir.resolve(TARGETS_FILE);
        Problems problems = new Problems(file.toString());
        Values values = new Values(problems, env);
        Optional<Node> root = YamlSource.read(file, problems);
        List<Target> targets = List.of();
        SchedulerSettings scheduler = SchedulerSettings.DEFAULTS;
        if (root.isPresent()) {
            if (root.get() instanceof MappingNode mapping) {
                YamlMap top = new YamlMap(mapping, "", values);
                top.rejectUnknown(ROOT_KEYS);
                scheduler = top.map("scheduler").map(ConfigLoader::scheduler).orElse(scheduler);
                // a broken vantage.yaml is reported there; its location names are not checked here
                targets = targets(top, values, vantageProblems.isEmpty() ? vantage : null);
            } else {
                problems.add(root.get(), ConfigError.WHOLE_FILE, "expected a mapping with a "
                        + "`targets` list at the top level, got " + Values.describe(root.get()));
            }
        }
        Problems teamProblems = new Problems(rulesDir.resolve(TEAM_FILE).toString());
        TeamConfig team = optionalFile(rulesDir.resolve(TEAM_FILE), teamProblems, env)
                .map(TeamReader::read).orElseGet(TeamReader::defaults);
        Problems correlationProblems = new Problems(rulesDir.resolve(CORRELATION_FILE).toString());
        Optional<List<Target>> loadedTargets =
                problems.isEmpty() ? Optional.of(targets) : Optional.empty();
        CorrelationRules correlation = optionalFile(rulesDir.resolve(CORRELATION_FILE),
                correlationProblems, env).map(m -> CorrelationReader.read(m, loadedTargets))
                .orElse(CorrelationRules.NONE);
        Problems intelProblems = new Problems(rulesDir.resolve(INTEL_FILE).toString());
        IntelSources intel = optionalFile(rulesDir.resolve(INTEL_FILE), intelProblems, env)
                .map(m -> IntelReader.read(m, rulesDir)).orElse(IntelSources.NONE);
        List<ConfigError> errors = new ArrayList<>(vantageProblems.errors());
        errors.addAll(problems.errors());
        errors.addAll(teamProblems.errors());
        errors.addAll(correlationProblems.errors());
        errors.addAll(intelProblems.errors());
        Optional<SlackSettings> slack = Optional.empty();
        try {
            slack = SlackSettings.fromEnv(env);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
        }
        Optional<DiscordSettings> discord = Optional.empty();
        try {
            discord = DiscordSettings.fromEnv(env);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            LOG.debug("event=config_invalid file={} errors={} team_errors={} correlation_errors={} intel_errors={}",
                    file, problems.count(), teamProblems.count(), correlationProblems.count(), intelProblems.count());
            throw new ConfigException(errors);
        }
        LOG.debug("event=config_loaded file={} targets={} shards={} routes={} policies={} rules={} intel_sources={}",
                file, targets.size(), scheduler.shards(), team.routes().size(),
                team.policies().size(), correlation.rules().size(), intel.sources().size());
        team = slack.flatMap(SlackSettings::defaultRouteChannel).map(team::withDefaultChannel).orElse(team);
        team = discord.flatMap(DiscordSettings::defaultRouteChannel).map(team::withDefaultChannel).orElse(team);
        return new VardeConfig(rulesDir, targets, scheduler, team, correlation, intel, slack, discord, vantage);
    }

    /**
     * The top-level mapping of an optional file ({@code team.yaml}, {@code correlation.yaml},
     * {@code intel.yaml}): empty when the file does not exist, has no content, or is not a
     * mapping (reported).
     */
    private static Optional<YamlMap> optionalFile(Path file, Problems problems,
                                                  Map<String, String> env) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Optional<Node> root = YamlSource.read(file, problems, null);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (root.get() instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, "", new Values(problems, env)));
        }
        problems.add(root.get(), ConfigError.WHOLE_FILE,
                "expected a mapping at the top level, got " + Values.describe(root.get()));
        return Optional.empty();
    }

    private static List<Target> targets(YamlMap top, Values values, VantageConfig vantage) {
        Tuning defaults = Tuning.NONE;
        boolean defaultsBroken = false;
        Optional<YamlMap> defaultsMap = top.map("defaults");
        if (defaultsMap.isPresent()) {
            YamlMap d = defaultsMap.get();
            d.rejectUnknown(TuningReader.KEYS);
            defaults = TuningReader.read(d);
            defaultsBroken = TuningReader.timingBroken(d, defaults);
            TuningReader.checkDefaults(d, defaults);
        }
        if (!top.has("targets")) {
            top.missing("targets");
            return List.of();
        }
        Optional<List<Node>> items = top.list("targets");
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty()) {
            top.problems().add(top.get("targets").orElseThrow(), "targets",
                    "no targets: list at least one target to monitor");
            return List.of();
        }
        TargetReader reader = new TargetReader(values, defaults.over(Tuning.BUILT_IN),
                defaultsBroken, vantage);
        List<TargetDraft> drafts = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            drafts.add(reader.read(items.get().get(i), i));
        }
        TargetSetChecks.check(drafts, top.problems());
        return drafts.stream().map(TargetDraft::target).filter(t -> t != null).toList();
    }

    private static SchedulerSettings scheduler(YamlMap s) {
        s.rejectUnknown(SCHEDULER_KEYS);
        SchedulerSettings d = SchedulerSettings.DEFAULTS;
        int shards = s.integer("shards", n -> n >= 1 && n <= 1024,
                "must be between 1 and 1024").orElse(d.shards());
        int maxConcurrent = s.integer("max-concurrent", n -> n >= 1, "must be at least 1")
                .orElse(d.maxConcurrent());
        int maxPerHost = s.integer("max-per-host", n -> n >= 1, "must be at least 1")
                .orElse(d.maxPerHost());
        return new SchedulerSettings(shards, maxConcurrent, maxPerHost);
    }
}
