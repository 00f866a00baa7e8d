package io.varde.config;

import static io.varde.config.EnvVars.error;
import static io.varde.config.EnvVars.throwIfAny;
import static io.varde.config.EnvVars.value;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Varde talks to Discord, from the environment. {@code DISCORD_BOT_TOKEN} turns Discord on.
 * {@link #toString()} never shows the token.
 *
 * @param botToken       the bot's token (Developer Portal, Bot, "Reset Token")
 * @param guildId        the server whose slash commands are registered (they appear at once), or
 *                       null for global commands (which Discord may take up to an hour to show)
 * @param apiUrl         the REST base including the version, e.g. {@code https://discord.com/api/v10/}
 * @param gatewayUrl     the gateway to connect to, or null for the one Discord names
 * @param defaultChannel a channel id that gets every alert no route sends to Discord, or null
 */
public record DiscordSettings(String botToken, String guildId, URI apiUrl, URI gatewayUrl,
                              String defaultChannel) {

    public static final String BOT_TOKEN = "DISCORD_BOT_TOKEN";
    public static final String GUILD_ID = "DISCORD_GUILD_ID";
    public static final String API_URL = "VARDE_DISCORD_API_URL";
    public static final String GATEWAY_URL = "VARDE_DISCORD_GATEWAY_URL";
    public static final String DEFAULT_CHANNEL = "DISCORD_DEFAULT_CHANNEL";
    public static final URI DISCORD_API = URI.create("https://discord.com/api/v10/");

    /** The default channel as a route channel, {@code discord:1234...}. */
    public Optional<String> defaultRouteChannel() {
        return Optional.ofNullable(defaultChannel).map(c -> "discord:" + c);
    }

    /**
     * The settings in {@code env}: empty when {@code DISCORD_BOT_TOKEN} is unset or blank.
     *
     * @throws ConfigException listing every problem, each naming its variable, never the token
     */
    public static Optional<DiscordSettings> fromEnv(Map<String, String> env) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        String token = value(env, BOT_TOKEN);
        if (token == null) {
            for (String other : List.of(GUILD_ID, DEFAULT_CHANNEL)) {
                if (value(env, other) != null) {
                    errors.add(error(other, "is set but " + BOT_TOKEN + " is not: Discord is on only with a bot token"));
                }
            }
            throwIfAny(errors);
            return Optional.empty();
        }
        if (token.chars().anyMatch(Character::isWhitespace) || token.startsWith("Bot ")) {
            errors.add(error(BOT_TOKEN, "paste the token alone, without \"Bot \" or spaces"));
        } else if (token.startsWith(SlackSettings.BOT_TOKEN_PREFIX) || token.startsWith(SlackSettings.APP_TOKEN_PREFIX)) {
            errors.add(error(BOT_TOKEN, "this is a Slack token; Discord's comes from the Developer Portal, Bot, "
                    + "\"Reset Token\""));
        }
        String guild = value(env, GUILD_ID);
        if (guild != null) {
            String problem = ChatAddresses.identityProblem("discord-role:" + guild);
            if (problem != null) {
                errors.add(error(GUILD_ID, "invalid server id \"" + guild + "\": use the numeric id (17 to 20 "
                        + "digits; developer mode, right-click the server, \"Copy Server ID\")"));
            }
        }
        String channel = value(env, DEFAULT_CHANNEL);
        if (channel != null) {
            String problem = ChatAddresses.channelProblem("discord:" + channel, List.of());
            if (problem != null) {
                errors.add(error(DEFAULT_CHANNEL, problem));
            }
        }
        URI api = EnvVars.url(errors, API_URL, value(env, API_URL), Set.of("http", "https"), DISCORD_API,
                "an http(s) URL with the API version, such as https://discord.com/api/v10/");
        URI gateway = EnvVars.url(errors, GATEWAY_URL, value(env, GATEWAY_URL), Set.of("ws", "wss"), null,
                "a ws(s) URL such as wss://gateway.discord.gg/");
        throwIfAny(errors);
        return Optional.of(new DiscordSettings(token, guild, api, gateway, channel));
    }

    @Override
    public String toString() {
        return "DiscordSettings[guildId=" + guildId + ", apiUrl=" + apiUrl + ", gatewayUrl=" + gatewayUrl
                + ", defaultChannel=" + defaultChannel + "]";
    }
}
