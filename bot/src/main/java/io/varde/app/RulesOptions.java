package io.varde.app;

import io.varde.config.ConfigError;
import io.varde.config.ConfigException;
import io.varde.config.ConfigLoader;
import io.varde.config.VardeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --rules} option shared by commands that read the config, and loading it. */
final class RulesOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory (default: $VARDE_RULES_DIR, else ./rules).")
    Path rules;

    Path rulesDir(Map<String, String> env) {
        if (rules != null) {
            return rules;
        }
        return Path.of(env.getOrDefault("VARDE_RULES_DIR", "rules"));
    }

    /**
     * Loads and validates the config; on errors prints each as {@code file:line: key: message}
     * plus a count to {@code err} and returns null.
     */
    VardeConfig load(Map<String, String> env, PrintStream err) {
        try {
            return ConfigLoader.load(rulesDir(env), env);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error);
            }
            int n = e.errors().size();
            err.println(n + (n == 1 ? " error" : " errors") + " in " + rulesDir(env)
                    + "; nothing was started");
            return null;
        }
    }
}
