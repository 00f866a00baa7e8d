package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.testing.FakeTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Discord variables: off without a token, mistakes named with their variable, the default channel routed beside Slack's. */
class DiscordSettingsTest {

    private static final String CHANNEL = "123456789012345678";

    @TempDir
    Path rules;

    @Test
    void withoutATokenDiscordIsOffAndWithOneTheDefaultsApply() throws Exception {
        assertThat(DiscordSettings.fromEnv(Map.of())).isEmpty();

        DiscordSettings s = DiscordSettings.fromEnv(Map.of("DISCORD_BOT_TOKEN", FakeTokens.DISCORD)).orElseThrow();

        assertThat(s.apiUrl()).hasToString("https://discord.com/api/v10/");
        assertThat(s.gatewayUrl()).isNull();
        assertThat(s.guildId()).isNull();
        assertThat(s.toString()).doesNotContain(FakeTokens.DISCORD);
    }

    @Test
    void everyOptionSet() throws Exception {
        DiscordSettings s = DiscordSettings.fromEnv(Map.of("DISCORD_BOT_TOKEN", FakeTokens.DISCORD, "DISCORD_GUILD_ID",
                "987654321098765432", "VARDE_DISCORD_API_URL", "http://127.0.0.1:7000/api/v10",
                "VARDE_DISCORD_GATEWAY_URL", "ws://127.0.0.1:7001", "DISCORD_DEFAULT_CHANNEL", CHANNEL)).orElseThrow();

        assertThat(s.guildId()).isEqualTo("987654321098765432");
        assertThat(s.apiUrl()).hasToString("http://127.0.0.1:7000/api/v10/");
        assertThat(s.gatewayUrl()).hasToString("ws://127.0.0.1:7001/");
        assertThat(s.defaultRouteChannel()).contains("discord:" + CHANNEL);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a channel without a token", Map.of("DISCORD_DEFAULT_CHANNEL", CHANNEL),
                        List.of("(environment): DISCORD_DEFAULT_CHANNEL: is set but DISCORD_BOT_TOKEN is not")),
                Arguments.of("a Slack token", Map.of("DISCORD_BOT_TOKEN", FakeTokens.SLACK_BOT),
                        List.of("DISCORD_BOT_TOKEN: this is a Slack token")),
                Arguments.of("the Bot prefix pasted", Map.of("DISCORD_BOT_TOKEN", "Bot " + FakeTokens.DISCORD),
                        List.of("DISCORD_BOT_TOKEN: paste the token alone")),
                Arguments.of("names instead of ids and wrong URLs", Map.of("DISCORD_BOT_TOKEN", FakeTokens.DISCORD,
                                "DISCORD_GUILD_ID", "my-server", "DISCORD_DEFAULT_CHANNEL", "#alerts",
                                "VARDE_DISCORD_API_URL", "discord.com", "VARDE_DISCORD_GATEWAY_URL", "https://gateway"),
                        List.of("DISCORD_GUILD_ID: invalid server id \"my-server\"",
                                "DISCORD_DEFAULT_CHANNEL: invalid Discord channel id \"#alerts\"",
                                "VARDE_DISCORD_API_URL: \"discord.com\" is not an http(s) URL with the API version",
                                "VARDE_DISCORD_GATEWAY_URL: \"https://gateway\" is not a ws(s) URL")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyMistakeIsNamedWithItsVariable(String name, Map<String, String> env, List<String> expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DiscordSettings.fromEnv(env));

        String all = e.errors().stream().map(ConfigError::toString).reduce("", (a, b) -> a + "\n" + b);
        expected.forEach(part -> assertThat(all).contains(part));
        assertThat(all).doesNotContain(FakeTokens.DISCORD);
    }

    @Test
    void withBothDefaultChannelsEveryAlertIsMirroredInSlackAndDiscord() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TeamConfigTest.TARGETS);

        VardeConfig config = ConfigLoader.load(rules, Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT,
                "SLACK_APP_TOKEN", FakeTokens.SLACK_APP, "SLACK_DEFAULT_CHANNEL", "C0OPS",
                "DISCORD_BOT_TOKEN", FakeTokens.DISCORD, "DISCORD_DEFAULT_CHANNEL", CHANNEL));

        assertThat(config.discord()).isPresent();
        assertThat(config.team().routeFor(Labels.of(Map.of("sector", "government")), Severity.CRITICAL).channels())
                .containsExactly("console", "slack:C0OPS", "discord:" + CHANNEL);
    }
}
