package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.intel.IntelSource;
import io.varde.intel.IntelSource.Kind;
import io.varde.intel.IntelSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code intel.yaml}: none when absent, every key and default when present, and the shipped file. */
class IntelConfigTest {

    @TempDir
    Path rules;

    @BeforeEach
    void targets() throws IOException {
        Files.writeString(rules.resolve("targets.yaml"), TeamConfigTest.TARGETS);
    }

    @Test
    void withoutIntelFileNothingIsPolled() throws Exception {
        assertThat(ConfigLoader.load(rules, Map.of()).intel()).isEqualTo(IntelSources.NONE);
    }

    @Test
    void anEmptyIntelFileOrEmptyListsPollNothing() throws Exception {
        Files.writeString(rules.resolve("intel.yaml"), "# sources come later\n");
        assertThat(ConfigLoader.load(rules, Map.of()).intel().sources()).isEmpty();

        Files.writeString(rules.resolve("intel.yaml"), "task-lists:\nfeeds: []\n");
        assertThat(ConfigLoader.load(rules, Map.of()).intel().sources()).isEmpty();
    }

    @Test
    void everyKeyIsReadAndPathsAreRelativeToTheRulesDirectory() throws Exception {
        Path lists = Files.createDirectories(rules.resolve("intel/ddosia"));
        Path feed = Files.writeString(rules.resolve("intel/blog.atom"), "<feed/>");
        Files.writeString(rules.resolve("intel.yaml"), """
                task-lists:
                  - name: ddosia
                    location: https://ddosia.example.org/latest.json
                    every: 2m
                    actor: NoName057(16)
                  - name: ddosia-local
                    location: intel/ddosia
                feeds:
                  - name: noname-telegram
                    location: ${RSSHUB:-https://rsshub.example.org}/telegram/channel/noname05716?key=${KEY}
                    actor: NoName057(16)
                  - name: blog
                    location: ./intel/blog.atom
                    every: 30s
                """);

        IntelSources intel = ConfigLoader.load(rules, Map.of("KEY", "s3cret")).intel();

        assertThat(intel.sources()).containsExactly(
                new IntelSource("ddosia", Kind.TASK_LIST, URI.create("https://ddosia.example.org/latest.json"),
                        Duration.ofMinutes(2), "NoName057(16)"),
                new IntelSource("ddosia-local", Kind.TASK_LIST, lists.toAbsolutePath().normalize().toUri(),
                        Duration.ofMinutes(10), ""),
                new IntelSource("noname-telegram", Kind.FEED,
                        URI.create("https://rsshub.example.org/telegram/channel/noname05716?key=s3cret"),
                        Duration.ofMinutes(5), "NoName057(16)"),
                new IntelSource("blog", Kind.FEED, feed.toAbsolutePath().normalize().toUri(),
                        Duration.ofSeconds(30), ""));
        assertThat(intel.of(Kind.FEED)).extracting(IntelSource::name).containsExactly("noname-telegram", "blog");
        assertThat(intel.sources().get(2).where()).as("shown and logged without its access key")
                .isEqualTo("https://rsshub.example.org/telegram/channel/noname05716?...");
    }

    @Test
    void errorsOfEveryFileAreReportedTogether() throws IOException {
        Files.writeString(rules.resolve("team.yaml"), "mutes:\n  max: 0s\n");
        Files.writeString(rules.resolve("intel.yaml"), "feeds:\n  - name: blog\n    location: blog.atom\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(rules, Map.of()));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                rules.resolve("intel.yaml") + ":3: feeds[0].location: no such file or directory: blog.atom"
                        + " (a path is relative to the rules directory; a URL starts with https://)",
                rules.resolve("team.yaml") + ":2: mutes.max: must be more than 0, got 0s");
    }

    @Test
    void theShippedFilePollsOneLocalTaskListSoVardeStartsOffline() throws Exception {
        VardeConfig config = ConfigLoader.load(Path.of("..", "rules"), Map.of());

        assertThat(config.intel().sources()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("ddosia");
            assertThat(s.kind()).isEqualTo(Kind.TASK_LIST);
            assertThat(s.remote()).isFalse();
            assertThat(Path.of(s.location())).isDirectory()
                    .isEqualTo(Path.of("..", "rules", "intel", "ddosia").toAbsolutePath().normalize());
            assertThat(s.actor()).isEqualTo("NoName057(16)");
        });
        assertThat(Path.of("..", "rules", "intel", "ddosia", "LICENSE")).content().contains("MIT License");
    }
}
