package io.varde.app;

import ch.qos.logback.classic.Level;
import io.varde.config.ConfigError;
import io.varde.config.ConfigException;
import io.varde.config.ScenarioReader;
import io.varde.config.VardeConfig;
import io.varde.replay.Replay;
import io.varde.replay.ReplayReport;
import io.varde.replay.ReplayResult;
import io.varde.replay.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code varde replay}: feeds a scenario through the real pipeline on a simulated clock and prints
 * the alerts and incidents it produced. Exit 0 when it ran; 2 with every error when the rules or
 * the scenario do not validate; 1 when the replay itself failed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a scenario (check outcomes, claims and task lists on a timeline) through the "
                + "real detection, correlation and incident pipeline on a simulated clock, with no network, "
                + "and print the alerts and incidents it produces. See docs/SCENARIOS.md.")
final class ReplayCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    RulesOptions rules = new RulesOptions();

    @Option(names = "--verbose", description = "Keep Varde's INFO logs (on standard error) while replaying.")
    boolean verbose;

    @Parameters(paramLabel = "SCENARIO", description = "The scenario file, e.g. rules/scenarios/denmark-2025-11.yaml.")
    Path scenarioFile;

    ReplayCommand(Map<String, String> env, PrintStream out, PrintStream err) {
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
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(scenarioFile, config.targets(), env);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error);
            }
            int n = e.errors().size();
            err.println(n + (n == 1 ? " error" : " errors") + " in " + scenarioFile + "; nothing was replayed");
            return Main.INVALID;
        }
        ch.qos.logback.classic.Logger varde = logbackLogger();
        Level before = varde == null ? null : varde.getLevel();
        if (varde != null && !verbose) {
            varde.setLevel(Level.WARN);
        }
        try {
            long began = System.nanoTime();
            ReplayResult result = Replay.run(scenario, config.targets(), config.team(), config.correlation());
            LOG.info("event=replayed scenario={} checks={} alerts={} incidents={} took_ms={}", scenarioFile,
                    result.checks(), result.alerts().size(), result.incidents().size(),
                    (System.nanoTime() - began) / 1_000_000);
            ReplayReport.print(result, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("varde: the replay failed: " + RunCommand.reason(e));
            LOG.warn("event=replay_failed scenario={}", scenarioFile, e);
            return 1;
        } finally {
            if (varde != null) {
                varde.setLevel(before);
            }
        }
    }

    /** The logger of every Varde class, when logback is the slf4j backend (it is in the jar). */
    private static ch.qos.logback.classic.Logger logbackLogger() {
        return LoggerFactory.getLogger("io.varde") instanceof ch.qos.logback.classic.Logger l ? l : null;
    }
}
