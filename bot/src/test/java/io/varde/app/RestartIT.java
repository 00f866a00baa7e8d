package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash for real: the jar is killed with SIGKILL while three incidents are open (one muted, one
 * acknowledged, one due to escalate), then started again on the same data directory. Nothing is
 * lost, no notification is printed twice, and the escalation happens exactly once.
 */
class RestartIT {

    private static final Pattern HEADER = Pattern.compile("^\\S+Z\\s+\\S+\\s+(INC-\\d+) r(\\d+) .*");
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private HttpServer http;
    private volatile int status = 503;

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void aKilledInstanceResumesWithNothingLostAndNothingTwice() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        http.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        Path rules = rules(http.getAddress().getPort());
        Map<String, String> env = Map.of("VARDE_DATA_DIR", dir.resolve("data").toString(),
                "VARDE_RULES_DIR", rules.toString());
        List<String> printed = new ArrayList<>();

        try (VardeProcess first = VardeProcess.start(env, "run")) {
            for (String id : List.of("INC-1", "INC-2", "INC-3")) {
                first.awaitOut(l -> l.contains(" " + id + " r1 "), WAIT, id + " opened");
            }
            VardeProcess.Finished mute = VardeProcess.run(env, WAIT, "ctl", "mute", "INC-1", "1h", "planned", "work");
            assertThat(mute.status()).as(mute.err()).isZero();
            assertThat(mute.out()).startsWith("M-1 mutes INC-1 until");
            first.awaitOut(l -> l.contains(" INC-1 r2 ") && l.contains("muted by"), WAIT, "the mute");
            VardeProcess.Finished ack = VardeProcess.run(env, WAIT, "ctl", "ack", "INC-3");
            assertThat(ack.status()).as(ack.err()).isZero();
            first.awaitOut(l -> l.contains(" INC-3 r2 ") && l.contains("acknowledged by"), WAIT, "the ack");

            assertThat(first.stdout()).noneMatch(l -> l.contains("escalated")).as("killed before INC-2 is due");
            first.kill();
            printed.addAll(first.stdout());
        }

        try (VardeProcess second = VardeProcess.start(env, "run")) {
            second.awaitErr(l -> l.contains("event=started") && l.contains("open_incidents=3"), WAIT,
                    "start-up with the three incidents");
            VardeProcess.Finished list = VardeProcess.run(env, WAIT, "ctl", "incidents");
            assertThat(list.out()).contains("3 open incidents")
                    .containsPattern("INC-1 .*muted until .*\\(M-1\\)")
                    .containsPattern("INC-3 .*acknowledged by");

            second.awaitOut(l -> l.contains(" INC-2 r2 ") && l.contains("escalated to level 2"), WAIT,
                    "the escalation that fell due while Varde was down");
            status = 200;
            java.util.Set<String> resolved = new java.util.TreeSet<>();
            while (resolved.size() < 3) {
                Matcher m = HEADER.matcher(second.awaitOut(l -> HEADER.matcher(l).matches()
                        && l.endsWith(": resolved"), WAIT, "resolutions, the muted incident's included"));
                assertThat(m.matches()).isTrue();
                resolved.add(m.group(1));
            }
            assertThat(resolved).containsExactly("INC-1", "INC-2", "INC-3");
            Thread.sleep(3000); // a few more sweeps: nothing may fire again
            printed.addAll(second.stdout());
        }

        List<String> headers = new ArrayList<>();
        for (String line : printed) {
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                headers.add(m.group(1) + " r" + m.group(2));
            }
        }
        assertThat(headers).as("every revision printed once across both runs").doesNotHaveDuplicates();
        assertThat(printed).filteredOn(l -> l.contains("escalated to level 2")).hasSize(1);
        assertThat(printed).noneMatch(l -> l.contains("INC-4"));
    }

    private Path rules(int port) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        StringBuilder targets = new StringBuilder(
                "defaults: { interval: 1s, timeout: 1s, failure-threshold: 2, success-threshold: 1 }\ntargets:\n");
        for (String id : List.of("site-a", "site-b", "site-c")) {
            targets.append("  - id: ").append(id).append("\n    url: http://127.0.0.1:").append(port)
                    .append('/').append(id).append('\n');
        }
        Files.writeString(rules.resolve("targets.yaml"), targets.toString());
        Files.writeString(rules.resolve("team.yaml"), String.join("\n",
                "policies:",
                "  fast:",
                "    - after: 0s",
                "      channels: [console]",
                "    - after: 25s",
                "      mention: [slack-group:S0LEADS]",
                "default:",
                "  channels: [console]",
                "  policy: fast",
                ""));
        return rules;
    }
}
