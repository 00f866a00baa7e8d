package io.varde.app;

import io.varde.config.VardeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code varde run}: validates the config, starts monitoring and runs until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot: check the targets on schedule and send alerts until stopped "
                + "(Ctrl-C or SIGTERM). Alerts go to standard output, logs to standard error.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    RulesOptions rules = new RulesOptions();

    @Mixin
    DataOptions data = new DataOptions();

    RunCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        VardeConfig config = rules.load(env, err);
        if (config == null) {
            return Main.INVALID;
        }
        Path dataDir = data.dataDir(env);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            err.println(dataDir + ": cannot create the data directory: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Wiring wiring = Wiring.start(config, dataDir, env, out, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("event=stopping");
            wiring.close();
            stopped.countDown();
        }, "varde-shutdown"));
        stopped.await();
        return 0;
    }
}
