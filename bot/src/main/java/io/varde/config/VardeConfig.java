package io.varde.config;

import io.varde.check.Target;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated, complete configuration: every default applied, every reference resolved.
 *
 * @param rulesDir  the directory the config was read from, as the caller gave it
 * @param targets   the monitored targets in file order; never empty, ids unique
 * @param scheduler scheduling and concurrency settings
 */
public record VardeConfig(Path rulesDir, List<Target> targets, SchedulerSettings scheduler) {

    public VardeConfig {
        targets = List.copyOf(targets);
    }
}
