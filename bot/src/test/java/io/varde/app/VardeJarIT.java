package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real jar, run as an operator runs it, against local HTTP and TCP servers on
 * 127.0.0.1. Servers stop, the console shows DOWN within thresholds x interval (+ timeout); they
 * come back, the console shows the recovery.
 */
class VardeJarIT {

    /** Failure threshold 2 x interval 1s + timeout 1s, plus start-up and scheduling slack. */
    private static final Duration DETECTION = Duration.ofSeconds(2 * 1 + 1 + 12);

    @TempDir
    Path dir;

    private HttpServer http;
    private ServerSocket tcp;

    @AfterEach
    void stopServers() throws IOException {
        if (http != null) {
            http.stop(0);
        }
        if (tcp != null) {
            tcp.close();
        }
    }

    private HttpServer startHttp(int port) throws IOException {
        return LocalSite.start(port, "/health", "{\"status\":\"UP\"}");
    }

    private ServerSocket startTcp(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread accept = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.getOutputStream().flush();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-accept");
        accept.setDaemon(true);
        accept.start();
        return s;
    }

    private Path rules(int httpPort, int tcpPort) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("targets.yaml"), String.join("\n",
                "defaults: { interval: 1s, timeout: 1s, failure-threshold: 2, success-threshold: 2 }",
                "targets:",
                "  - id: local-web",
                "    url: http://127.0.0.1:" + httpPort + "/health",
                "    labels: { sector: test }",
                "    conditions: [ \"[STATUS] == 200\", \"[BODY].status == UP\" ]",
                "  - id: local-tcp",
                "    kind: tcp",
                "    address: 127.0.0.1:" + tcpPort,
                ""));
        return rules;
    }

    @Test
    void aClaimPushedToTheWebhookMakesTheOutageAClaimedAttack() throws Exception {
        http = startHttp(0);
        tcp = startTcp(0);
        Path rules = rules(http.getAddress().getPort(), tcp.getLocalPort());
        Files.writeString(rules.resolve("correlation.yaml"), String.join("\n",
                "rules:",
                "  - name: claimed-attack",
                "    kind: claimed-attack",
                "    window: 1h",
                ""));
        Map<String, String> env = Map.of("VARDE_DATA_DIR", dir.resolve("data").toString(),
                "VARDE_CLAIMS_TOKEN", "s3cret-token", "VARDE_HTTP_PORT", "0");

        try (VardeProcess varde = VardeProcess.start(env, "run", "--rules", rules.toString())) {
            URI claims = URI.create(varde.webBase(Duration.ofSeconds(30)) + "/api/claims");
            HttpClient client = HttpClient.newHttpClient();
            String body = "{\"host\": \"http://127.0.0.1/health\", \"actor\": \"NoName057(16)\", \"id\": \"post-1\"}";

            assertThat(post(client, claims, "wrong", body).statusCode()).isEqualTo(401);
            http.stop(0);
            http = null;
            varde.awaitOut(l -> l.contains(" r1 local-web is DOWN | opened"), DETECTION, "the outage");
            HttpResponse<String> created = post(client, claims, "s3cret-token", body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).contains("\"claim\":\"C-1\"").contains("\"target\":\"local-web\"");
            String claimed = varde.awaitOut(l -> l.contains("Claimed attack: local-web is DOWN"),
                    Duration.ofSeconds(15), "the outage edited into a claimed attack");
            assertThat(claimed).contains("claimed by NoName057(16) (webhook webhook, C-1)")
                    .contains("after we detected it");
            assertThat(post(client, claims, "s3cret-token", body).statusCode()).as("a resend").isEqualTo(200);

            VardeProcess.Finished listed = VardeProcess.run(Map.of("VARDE_DATA_DIR",
                    dir.resolve("data").toString()), Duration.ofSeconds(30), "ctl", "claims", "1h");
            assertThat(listed.out()).contains("C-1 webhook webhook").contains("NoName057(16)").contains("hits local-tcp, local-web");
        }
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String token, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void outagesAndRecoveriesShowOnTheConsole() throws Exception {
        http = startHttp(0);
        tcp = startTcp(0);
        int httpPort = http.getAddress().getPort();
        int tcpPort = tcp.getLocalPort();
        Path rules = rules(httpPort, tcpPort);

        try (VardeProcess varde = VardeProcess.start(Map.of("VARDE_DATA_DIR",
                dir.resolve("data").toString(), "VARDE_LOG_LEVEL", "DEBUG"),
                "run", "--rules", rules.toString())) {
            varde.awaitErr(l -> l.contains("event=started") && l.contains("notifiers=console,webhook"),
                    Duration.ofSeconds(30), "start-up log naming the active notifiers");
            varde.awaitErr(l -> l.contains("event=check target=local-web outcome=OK"),
                    Duration.ofSeconds(15), "a good check of the web target");
            varde.awaitErr(l -> l.contains("event=check target=local-tcp outcome=OK"),
                    Duration.ofSeconds(15), "a good check of the tcp target");

            http.stop(0);
            http = null;
            String down = varde.awaitOut(l -> l.contains(" r1 local-web is DOWN | opened"), DETECTION,
                    "an incident for the web target");
            assertThat(down).contains("CRITICAL").contains("connect");

            tcp.close();
            tcp = null;
            varde.awaitOut(l -> l.contains(" r1 local-tcp is DOWN | opened"), DETECTION,
                    "an incident for the tcp target");

            http = startHttp(httpPort);
            String up = varde.awaitOut(l -> l.contains("local-web is back UP after"), DETECTION,
                    "recovery of the web target");
            assertThat(up).contains("RESOLVED").contains(" r2 ").contains("DOWN: resolved");

            tcp = startTcp(tcpPort);
            varde.awaitOut(l -> l.contains("local-tcp is back UP after"), DETECTION,
                    "recovery of the tcp target");

            assertThat(varde.stdout()).as("one message per incident change, nothing else")
                    .filteredOn(l -> !l.startsWith("  ")).hasSize(4);
            VardeProcess.Finished incidents = VardeProcess.run(Map.of("VARDE_DATA_DIR",
                    dir.resolve("data").toString()), Duration.ofSeconds(30), "ctl", "incidents", "all");
            assertThat(incidents.out()).contains("Recent incidents").contains("INC-1 RESOLVED")
                    .contains("INC-2 RESOLVED");
            assertThat(varde.stderr()).noneMatch(l -> l.contains(" ERROR "));
        }
    }

    @Test
    void theShippedRulesValidate() throws Exception {
        Path shipped = Path.of("..", "rules").toAbsolutePath().normalize();
        try (VardeProcess varde = VardeProcess.start(Map.of(), "validate", "--rules",
                shipped.toString())) {
            assertThat(varde.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(varde.stdout()).hasSize(13);
            assertThat(varde.stdout().get(0)).endsWith("targets.yaml: OK, 20 targets (3 canaries)");
            assertThat(varde.stdout().get(1)).endsWith("team.yaml: OK, 3 routes and the default, "
                    + "2 escalation policies, 6 people or groups with roles");
            assertThat(varde.stdout().get(2)).endsWith("correlation.yaml: OK, 5 correlation rules");
            assertThat(varde.stdout().subList(3, 8))
                    .allSatisfy(l -> assertThat(l).startsWith("rule "));
            assertThat(varde.stdout().get(8)).endsWith("intel.yaml: OK, 1 task list and 0 feeds to poll");
            assertThat(varde.stdout().get(9))
                    .isEqualTo("  ddosia: task list from intel/ddosia, every 10m, actor NoName057(16)");
            assertThat(varde.stdout().get(10)).endsWith("vantage.yaml: absent, checked from home only");
            assertThat(varde.stdout().subList(11, 13)).containsExactly("Slack: off (set SLACK_BOT_TOKEN to turn it on)",
                    "Discord: off (set DISCORD_BOT_TOKEN to turn it on)");
        }
    }

    @Test
    void theShippedScenarioReplays() throws Exception {
        Path shipped = Path.of("..", "rules").toAbsolutePath().normalize();
        VardeProcess.Finished replay = VardeProcess.run(Map.of(), Duration.ofSeconds(120), "replay",
                "--rules", shipped.toString(), shipped.resolve("scenarios/denmark-2025-11.yaml").toString());

        assertThat(replay.status()).as(replay.err()).isZero();
        assertThat(replay.err()).as("logs stay quiet while replaying").isEmpty();
        assertThat(replay.out()).startsWith("Replay: Denmark, 12-13 November 2025")
                .contains("\n2025-11-12T07:07:10Z CRITICAL INC-3 r1 Campaign on sector=municipal: 3 DOWN | opened")
                .contains("\n2025-11-13T09:40:00Z CRITICAL INC-4 r4 Claimed attack: Ministry of Transport is DOWN"
                        + " | claimed by NoName057(16) (feed noname-telegram, C-")
                .contains("\n2025-11-13T12:20:00Z RESOLVED INC-6 r1 Claimed, not observed: terma-com, terma-com-tcp"
                        + " (NoName057(16))")
                .contains("\nIncidents (6, 0 not resolved at the end)\n");
    }

    @Test
    void anInvalidConfigExitsWithStatusTwoAndEveryError() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(rules.resolve("targets.yaml"), String.join("\n",
                "defaults: { interval: 30 }",
                "targets:",
                "  - id: Borger_DK",
                "    url: ftp://www.borger.dk/",
                "    conditions: [ \"[STAUS] == 200\" ]",
                ""));
        for (String command : new String[] {"validate", "run"}) {
            try (VardeProcess varde = VardeProcess.start(Map.of(), command, "--rules",
                    rules.toString())) {
                assertThat(varde.waitFor(Duration.ofSeconds(30))).as(command).isEqualTo(2);
                String file = rules.resolve("targets.yaml").toString();
                assertThat(varde.stderr()).as(command).anySatisfy(l -> assertThat(l)
                        .startsWith(file + ":1: defaults.interval: invalid duration \"30\""));
                assertThat(varde.stderr()).anySatisfy(l -> assertThat(l)
                        .startsWith(file + ":3: targets[0].id: "));
                assertThat(varde.stderr()).anySatisfy(l -> assertThat(l)
                        .startsWith(file + ":4: targets[0].url: "));
                assertThat(varde.stderr()).anySatisfy(l -> assertThat(l)
                        .startsWith(file + ":5: targets[0].conditions[0]: unknown placeholder [STAUS]"));
                assertThat(varde.stdout()).as("nothing ran").isEmpty();
            }
        }
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"validate", "--help"},
                {"replay", "--help"}}) {
            try (VardeProcess varde = VardeProcess.start(Map.of(), args)) {
                assertThat(varde.waitFor(Duration.ofSeconds(30))).isZero();
                assertThat(String.join("\n", varde.stdout())).contains("Usage: varde");
            }
        }
    }
}
