package io.varde.app;

import io.varde.config.ConfigLoader;
import io.varde.config.VardeConfig;
import java.io.PrintStream;
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
        return 0;
    }
}
