package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code varde replay} in process: exit status, what goes to standard output and what to standard error. */
class ReplayCommandTest {

    private static final Path SHIPPED = Path.of("..", "rules");

    @TempDir
    Path dir;

    @Test
    void aScenarioReplaysToStandardOutputWithNoLogsAndExitsZero() throws Exception {
        Path scenario = Files.writeString(dir.resolve("kk.yaml"), """
                name: Copenhagen goes down for half an hour
                start: 2025-11-12T06:00:00Z
                steps:
                  - at: +2m
                    down: [kk-dk]
                  - at: +32m
                    up: [kk-dk]
                """);

        Run run = replay("--rules", SHIPPED.toString(), scenario.toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).as("Varde's INFO logs are quiet while replaying").isEmpty();
        assertThat(run.out()).startsWith("Replay: Copenhagen goes down for half an hour",
                "  2025-11-12T06:00:00Z to 2025-11-12T08:32:00Z: 2 steps, 20 targets, 5340 simulated checks",
                "", "Alerts (3)");
        assertThat(run.out()).contains(
                "2025-11-12T06:04:10Z CRITICAL INC-1 r1 City of Copenhagen is DOWN | opened: City of Copenhagen is "
                        + "DOWN: timeout: no response within 10s",
                "Incidents (1, 0 not resolved at the end)",
                "INC-1 OUTAGE RESOLVED: City of Copenhagen is UP",
                "  targets: kk-dk (up)",
                "  opened 2025-11-12 06:04 UTC, resolved 2025-11-12 06:33 UTC after 28m50s");
    }

    @Test
    void aBrokenScenarioExitsTwoWithEveryError() throws Exception {
        Path scenario = Files.writeString(dir.resolve("broken.yaml"), """
                start: 2025-11-12T06:00:00Z
                steps:
                  - at: +2m
                    down: [kk-dkk]
                  - at: +1m
                    up: [kk-dk]
                """);

        Run run = replay("--rules", SHIPPED.toString(), scenario.toString());

        assertThat(run.status()).isEqualTo(Main.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsExactly(
                scenario + ":4: steps[0].down[0]: unknown target \"kk-dkk\"; did you mean `kk-dk`?",
                scenario + ":5: steps[1].at: 2025-11-12T06:01:00Z is before the step above it (line 3, at "
                        + "2025-11-12T06:02:00Z): list the steps in time order",
                "2 errors in " + scenario + "; nothing was replayed");
    }

    @Test
    void brokenRulesExitTwoAsValidateDoes() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("targets.yaml"), "targets: []\n");

        Run run = replay("--rules", rules.toString(), dir.resolve("never-read.yaml").toString());

        assertThat(run.status()).isEqualTo(Main.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).last().isEqualTo("1 error in " + rules + "; nothing was started");
    }

    private record Run(int status, List<String> out, List<String> err) {
    }

    private static Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.execute(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
