package io.varde.app;

import io.varde.check.probe.Probers;
import io.varde.vantage.AgentSettings;
import io.varde.vantage.ProbeAgent;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varde probe --server URL --location NAME}: a probe agent for one location of the
 * server's {@code rules/vantage.yaml}, its token in {@code VARDE_PROBE_TOKEN}. Exit status 2 for
 * a missing token or a server URL it refuses (plain http beyond loopback), before anything
 * connects; otherwise it runs until stopped.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Run a probe agent: check the targets the server assigns to this location and send the "
                + "results to the server, buffering them while it cannot be reached. Needs no database and only "
                + "outgoing connections. The location's token is read from VARDE_PROBE_TOKEN.",
                "  VARDE_PROBE_TOKEN=... varde probe --server https://varde.example.org --location fra"})
final class ProbeCommand implements Callable<Integer> {

    static final String TOKEN = "VARDE_PROBE_TOKEN";
    private static final Logger LOG = LoggerFactory.getLogger(ProbeCommand.class);

    private final Map<String, String> env;
    private final PrintStream err;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The Varde server's base URL: https://..., or http:// to 127.0.0.1, ::1 or localhost only.")
    String server;

    @Option(names = "--location", required = true, paramLabel = "NAME",
            description = "This agent's location, as named in the server's rules/vantage.yaml.")
    String location;

    @Option(names = "--buffer", paramLabel = "N", defaultValue = "" + AgentSettings.DEFAULT_BUFFER,
            description = "Results kept while the server cannot be reached (default: ${DEFAULT-VALUE}); "
                    + "beyond it the oldest are dropped and counted.")
    int buffer;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "512",
            description = "Checks in flight at once (default: ${DEFAULT-VALUE}, as the server's scheduler).")
    int maxConcurrent;

    @Option(names = "--max-per-host", paramLabel = "N", defaultValue = "4",
            description = "Checks in flight at once against one host (default: ${DEFAULT-VALUE}, as the server's scheduler).")
    int maxPerHost;

    ProbeCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        Optional<AgentSettings> settings = settings();
        if (settings.isEmpty()) {
            return Main.INVALID;
        }
        Probers probers = new Probers();
        ProbeAgent agent = ProbeAgent.start(settings.get(), probers, Clock.tickMillis(ZoneOffset.UTC));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("event=stopping");
            agent.close();
            probers.close();
            stopped.countDown();
        }, "varde-probe-shutdown"));
        stopped.await();
        return 0;
    }

    /** The settings, or empty after saying on standard error what is wrong. */
    Optional<AgentSettings> settings() {
        URI url;
        try {
            url = new URI(server.strip());
        } catch (URISyntaxException e) {
            return refuse("--server: \"" + server + "\" is not a URL: " + e.getReason());
        }
        Optional<String> problem = AgentSettings.problem(url);
        if (problem.isPresent()) {
            return refuse("--server: " + problem.get());
        }
        String token = env.get(TOKEN);
        if (token == null || token.isBlank()) {
            return refuse(TOKEN + " is not set: it must hold location " + location + "'s token (its token in the "
                    + "server's rules/vantage.yaml)");
        }
        try {
            return Optional.of(new AgentSettings(url, location, token.strip(), buffer, maxConcurrent, maxPerHost));
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
    }

    private Optional<AgentSettings> refuse(String message) {
        err.println("varde probe: " + message);
        err.println("nothing was started");
        return Optional.empty();
    }
}
