package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.testing.FakeTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Slack variables: off without a bot token, every mistake named with its variable, the default channel routed. */
class SlackSettingsTest {


    @TempDir
    Path rules;

    @Test
    void withoutABotTokenSlackIsOff() throws Exception {
        assertThat(SlackSettings.fromEnv(Map.of())).isEmpty();
        assertThat(SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", "  "))).isEmpty();
    }

    @Test
    void anAppTokenMeansSocketModeAndDefaultsApply() throws Exception {
        SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_APP_TOKEN", FakeTokens.SLACK_APP)).orElseThrow();

        assertThat(s.socketMode()).isTrue();
        assertThat(s.apiUrl()).hasToString("https://slack.com/api/");
        assertThat(s.command()).isEqualTo("/varde");
        assertThat(s.messageInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.defaultRouteChannel()).isEmpty();
    }

    @Test
    void httpModeWithEveryOptionSet() throws Exception {
        SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_SIGNING_SECRET", "8f742231b10e8888abcd99yyyzzz85a5",
                "VARDE_SLACK_API_URL", "http://127.0.0.1:9999/api", "SLACK_DEFAULT_CHANNEL", "C0OPS",
                "VARDE_SLACK_COMMAND", "/beacon", "VARDE_SLACK_MESSAGE_INTERVAL", "1500ms")).orElseThrow();

        assertThat(s.socketMode()).isFalse();
        assertThat(s.apiUrl()).hasToString("http://127.0.0.1:9999/api/");
        assertThat(s.defaultRouteChannel()).contains("slack:C0OPS");
        assertThat(s.command()).isEqualTo("/beacon");
        assertThat(s.messageInterval()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void itsTextNeverShowsATokenOrTheSecret() throws Exception {
        SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_APP_TOKEN", FakeTokens.SLACK_APP,
                "SLACK_SIGNING_SECRET", "sekrit-signing-secret")).orElseThrow();

        assertThat(s.toString()).doesNotContain(FakeTokens.SLACK_BOT).doesNotContain(FakeTokens.SLACK_APP).doesNotContain("sekrit")
                .contains("mode=socket");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("app token without a bot token", Map.of("SLACK_APP_TOKEN", FakeTokens.SLACK_APP),
                        List.of("(environment): SLACK_APP_TOKEN: is set but SLACK_BOT_TOKEN is not")),
                Arguments.of("tokens swapped", Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_APP, "SLACK_APP_TOKEN", FakeTokens.SLACK_BOT),
                        List.of("SLACK_BOT_TOKEN: expected the bot token", "(this is an app-level token)",
                                "SLACK_APP_TOKEN: expected an app-level token", "(this is a bot token)")),
                Arguments.of("HTTP mode without a signing secret", Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT),
                        List.of("SLACK_SIGNING_SECRET: is required in HTTP mode", "or set SLACK_APP_TOKEN")),
                Arguments.of("a channel name instead of its id",
                        Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_APP_TOKEN", FakeTokens.SLACK_APP, "SLACK_DEFAULT_CHANNEL", "#ops"),
                        List.of("SLACK_DEFAULT_CHANNEL: invalid Slack channel id \"#ops\"")),
                Arguments.of("every other value wrong at once", Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_APP_TOKEN", FakeTokens.SLACK_APP,
                                "VARDE_SLACK_API_URL", "slack.com/api", "VARDE_SLACK_COMMAND", "varde",
                                "VARDE_SLACK_MESSAGE_INTERVAL", "soon"),
                        List.of("VARDE_SLACK_API_URL: \"slack.com/api\" is not an http(s) URL",
                                "VARDE_SLACK_COMMAND: \"varde\" is not a slash command",
                                "VARDE_SLACK_MESSAGE_INTERVAL: invalid duration \"soon\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyMistakeIsNamedWithItsVariableAndNoTokenIsQuoted(String name, Map<String, String> env,
                                                               List<String> expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SlackSettings.fromEnv(env));

        String all = e.errors().stream().map(ConfigError::toString).reduce("", (a, b) -> a + "\n" + b);
        for (String part : expected) {
            assertThat(all).contains(part);
        }
        assertThat(all).doesNotContain(FakeTokens.SLACK_BOT).doesNotContain(FakeTokens.SLACK_APP);
    }

    @Test
    void theDefaultChannelGetsWhatNoRouteSendsToSlackAndConfigErrorsComeTogether() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TeamConfigTest.TARGETS);
        Files.writeString(rules.resolve("team.yaml"), """
                routes:
                  - name: government
                    match: 'sector="government"'
                    channels: [console]
                  - name: energy
                    match: 'sector="energy"'
                    channels: [slack:C0ENERGY]
                default:
                  channels: [console]
                """);
        Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_APP_TOKEN", FakeTokens.SLACK_APP,
                "SLACK_DEFAULT_CHANNEL", "C0OPS"));

        VardeConfig config = ConfigLoader.load(rules, env);

        assertThat(config.slack()).isPresent();
        assertThat(config.team().routeFor(Labels.of(Map.of("sector", "government")), Severity.CRITICAL).channels())
                .containsExactly("console", "slack:C0OPS");
        assertThat(config.team().routeFor(Labels.of(Map.of("sector", "energy")), Severity.CRITICAL).channels())
                .containsExactly("slack:C0ENERGY");
        assertThat(config.team().routeFor(Labels.of(Map.of()), Severity.INFO).channels())
                .containsExactly("console", "slack:C0OPS");

        env.put("SLACK_DEFAULT_CHANNEL", "ops");
        Files.writeString(rules.resolve("targets.yaml"), "targets: []\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(rules, env));
        assertThat(e.errors()).extracting(ConfigError::file)
                .contains(rules.resolve("targets.yaml").toString(), "(environment)");
        assertThat(Optional.of(e.getMessage())).hasValueSatisfying(m -> assertThat(m).contains("SLACK_DEFAULT_CHANNEL"));
    }
}
