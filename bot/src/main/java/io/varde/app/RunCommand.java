package io.varde.app;

import io.varde.cluster.NodeName;
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
        String node;
        try {
            node = NodeName.resolve(env);
        } catch (IllegalArgumentException e) {
            err.println("(environment): " + e.getMessage());
            err.println("1 error in the environment; nothing was started");
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
        Wiring wiring;
        try {
            wiring = Wiring.start(config, node, dataDir, env, out, Clock.systemUTC());
        } catch (Exception e) {
            err.println("varde: cannot start: " + reason(e));
            LOG.debug("event=start_failed", e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("event=stopping");
            wiring.close();
            stopped.countDown();
        }, "varde-shutdown"));
        stopped.await();
        return 0;
    }

    /** The message of {@code e} and of each cause that adds something, e.g. why a database refused. */
    static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString();
    }
}
