package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.testing.FakeTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code varde validate} in process: what it says about each file and each correlation rule. */
class ValidateCommandTest {

    @TempDir
    Path rules;

    @Test
    void theShippedRulesValidateWithOneLinePerCorrelationRule() {
        Path shipped = Path.of("..", "rules");

        Run run = validate(shipped);

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsExactly(
                shipped.resolve("targets.yaml") + ": OK, 20 targets (3 canaries)",
                shipped.resolve("team.yaml") + ": OK, 3 routes and the default, "
                        + "2 escalation policies, 6 people or groups with roles",
                shipped.resolve("correlation.yaml") + ": OK, 5 correlation rules",
                "rule tasked: tasked, targets sector=~\"government|municipal\", severity info, "
                        + "while tasked checked every 15s, DOWN after 2 failures, "
                        + "attacked paths checked too",
                "rule claimed-attack: claimed-attack within 2h, sources task-list, webhook, feed, "
                        + "manual, equal org, severity critical",
                "rule claimed-not-observed: claimed-not-observed within 1h, sources webhook, feed, "
                        + "manual, equal org",
                "rule sector-campaign: campaign of 3 targets within 10m, group by sector, "
                        + "targets sector=~\".+\", severity critical",
                "rule dns-down: inhibition of layer=\"web\" while layer=\"dns\" is down, "
                        + "equal org",
                shipped.resolve("intel.yaml") + ": OK, 1 task list and 0 feeds to poll",
                "  ddosia: task list from intel/ddosia, every 10m, actor NoName057(16)",
                shipped.resolve("vantage.yaml") + ": absent, checked from home only",
                "Slack: off (set SLACK_BOT_TOKEN to turn it on)",
                "Discord: off (set DISCORD_BOT_TOKEN to turn it on)");
    }

    @Test
    void withoutTheOptionalFilesTheDefaultsAreNamed() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), """
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                """);

        Run run = validate(rules);

        assertThat(run.status()).isZero();
        assertThat(run.out()).hasSize(7).endsWith(
                rules.resolve("correlation.yaml") + ": absent, 0 correlation rules",
                rules.resolve("intel.yaml") + ": absent, 0 task lists and 0 feeds to poll",
                rules.resolve("vantage.yaml") + ": absent, checked from home only",
                "Slack: off (set SLACK_BOT_TOKEN to turn it on)",
                "Discord: off (set DISCORD_BOT_TOKEN to turn it on)");
    }

    @Test
    void anInvalidCorrelationFileFailsValidation() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), """
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    labels: { sector: government }
                """);
        Files.writeString(rules.resolve("correlation.yaml"), """
                rules:
                  - name: tasked
                    kind: taskd
                """);

        Run run = validate(rules);

        assertThat(run.status()).isEqualTo(Main.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsExactly(rules.resolve("correlation.yaml")
                        + ":3: rules[0].kind: unknown kind \"taskd\"; did you mean `tasked`?",
                "1 error in " + rules + "; nothing was started");
    }

    @Test
    void eachIntelSourceIsOneLineWithoutItsUrlQuery() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), "targets:\n  - id: borger-dk\n    url: https://www.borger.dk/\n");
        Files.createDirectories(rules.resolve("intel/ddosia"));
        Files.writeString(rules.resolve("intel.yaml"), """
                task-lists:
                  - name: ddosia
                    location: intel/ddosia
                    actor: NoName057(16)
                feeds:
                  - name: noname-telegram
                    location: https://rsshub.example.org/telegram/channel/noname05716?key=${KEY}
                    every: 2m
                """);

        Run run = validate(rules, Map.of("KEY", "s3cret"));

        assertThat(run.status()).isZero();
        assertThat(run.out()).hasSize(9).contains(
                rules.resolve("intel.yaml") + ": OK, 1 task list and 1 feed to poll",
                "  ddosia: task list from intel/ddosia, every 10m, actor NoName057(16)",
                "  noname-telegram: feed from https://rsshub.example.org/telegram/channel/noname05716?..., every 2m");
    }

    @Test
    void locationsAreListedWithTheirTargetsAndTokenCountsButNoToken() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), """
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                  - id: trm-dk
                    url: https://www.trm.dk/
                    vantage: [home]
                """);
        Files.writeString(rules.resolve("vantage.yaml"), """
                home: { country: dk }
                locations:
                  - { name: fra, country: de, source-address: 127.0.0.2, token: "${T1}" }
                  - { name: ams, tokens: ["${T2}", "${T3}"] }
                """);

        Run run = validate(rules, Map.of("T1", "0123456789abcdef-1", "T2", "0123456789abcdef-2",
                "T3", "0123456789abcdef-3"));

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(
                rules.resolve("vantage.yaml") + ": OK, checked from home and 2 probe agent locations",
                "  home: the nodes, country dk, 2 targets",
                "  fra: agent, country de, from 127.0.0.2, 1 target, 1 token",
                "  ams: agent, 1 target, 2 tokens");
        assertThat(String.join("\n", run.out())).doesNotContain("0123456789abcdef");
    }

    @Test
    void chatPlatformsAreDescribedWhenOnAndEveryMistakeInTheirVariablesFailsValidation() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), "targets:\n  - id: borger-dk\n    url: https://www.borger.dk/\n");

        Run on = validate(rules, Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_APP_TOKEN",
                FakeTokens.SLACK_APP, "SLACK_DEFAULT_CHANNEL", "C0OPS", "DISCORD_BOT_TOKEN",
                FakeTokens.DISCORD, "DISCORD_GUILD_ID", "130000000000000010"));
        Run wrong = validate(rules, Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_DEFAULT_CHANNEL", "ops"));

        assertThat(on.out()).endsWith("Slack: on, Socket Mode, /varde, default channel C0OPS, "
                + "1 message per 1s per channel", "Discord: on, commands in server 130000000000000010, no default channel");
        assertThat(wrong.status()).isEqualTo(Main.INVALID);
        assertThat(wrong.err()).startsWith(
                "(environment): SLACK_SIGNING_SECRET: is required in HTTP mode (Basic Information, \"Signing Secret\"); "
                        + "or set SLACK_APP_TOKEN to use Socket Mode instead",
                "(environment): SLACK_DEFAULT_CHANNEL: invalid Slack channel id \"ops\": use the channel id "
                        + "(e.g. C0123ABCD, shown in the channel's details), not its name");
    }

    private record Run(int status, List<String> out, List<String> err) {
    }

    private static Run validate(Path dir) {
        return validate(dir, Map.of());
    }

    private static Run validate(Path dir, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(new String[] {"validate", "--rules", dir.toString()}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
