package io.varde.app;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --data} option shared by {@code run} and {@code ctl}. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $VARDE_DATA_DIR, else ./data).")
    Path data;

    Path dataDir(Map<String, String> env) {
        return data != null ? data : Path.of(env.getOrDefault("VARDE_DATA_DIR", "data"));
    }
}
