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

/** {@code varde validate} names each intel source it will poll, one line each. */
class ValidateCommandTest {

    @TempDir
    Path rules;

    private List<String> validate(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(new String[] {"validate", "--rules", rules.toString()}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void eachSourceIsOneLineWithoutItsUrlQuery() throws Exception {
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

        List<String> lines = validate(Map.of("KEY", "s3cret"));

        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).isEqualTo(rules.resolve("intel.yaml") + ": OK, 1 task list and 1 feed to poll");
        assertThat(lines.get(3)).isEqualTo("  ddosia: task list from intel/ddosia, every 10m, actor NoName057(16)");
        assertThat(lines.get(4)).isEqualTo(
                "  noname-telegram: feed from https://rsshub.example.org/telegram/channel/noname05716?..., every 2m");
    }

    @Test
    void withoutIntelFileNothingIsPolled() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), "targets:\n  - id: borger-dk\n    url: https://www.borger.dk/\n");

        assertThat(validate(Map.of())).last()
                .isEqualTo(rules.resolve("intel.yaml") + ": absent, 0 task lists and 0 feeds to poll");
    }
}
