package io.varde.config;

import static io.varde.config.EnvVars.error;
import static io.varde.config.EnvVars.throwIfAny;
import static io.varde.config.EnvVars.value;

import io.varde.core.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How Varde talks to Slack, from the environment. {@code SLACK_BOT_TOKEN} turns Slack on; with
 * {@code SLACK_APP_TOKEN} commands and buttons arrive over Socket Mode, otherwise over HTTP at
 * {@code /slack/events}, where {@code SLACK_SIGNING_SECRET} is required.
 * <p>
 * {@link #toString()} never shows a token or the secret.
 *
 * @param botToken        {@code xoxb-...}: posts and edits messages
 * @param appToken        {@code xapp-...} for Socket Mode, or null for HTTP mode
 * @param signingSecret   verifies HTTP requests; null in Socket Mode when not given
 * @param apiUrl          the Web API base, e.g. {@code https://slack.com/api/} (always ends with /)
 * @param defaultChannel  a channel id that gets every alert no route sends to Slack, or null
 * @param command         the slash command, e.g. {@code /varde}
 * @param messageInterval the least time between two messages to one channel
 */
public record SlackSettings(String botToken, String appToken, String signingSecret, URI apiUrl,
                            String defaultChannel, String command, Duration messageInterval) {

    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String API_URL = "VARDE_SLACK_API_URL";
    public static final String DEFAULT_CHANNEL = "SLACK_DEFAULT_CHANNEL";
    public static final String COMMAND = "VARDE_SLACK_COMMAND";
    public static final String MESSAGE_INTERVAL = "VARDE_SLACK_MESSAGE_INTERVAL";
    public static final URI SLACK_API = URI.create("https://slack.com/api/");
    /** How every bot token starts. */
    public static final String BOT_TOKEN_PREFIX = "xoxb-";
    /** How every app-level token starts. */
    public static final String APP_TOKEN_PREFIX = "xapp-";

    private static final Pattern COMMAND_NAME = Pattern.compile("/[a-z0-9_-]{1,31}");

    public SlackSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(messageInterval, "messageInterval");
    }

    /** Socket Mode (an app token is set) rather than HTTP mode. */
    public boolean socketMode() {
        return appToken != null;
    }

    /** The default channel as a route channel, {@code slack:C0123}. */
    public Optional<String> defaultRouteChannel() {
        return Optional.ofNullable(defaultChannel).map(c -> "slack:" + c);
    }

    /**
     * The settings in {@code env}: empty when {@code SLACK_BOT_TOKEN} is unset or blank.
     *
     * @throws ConfigException listing every problem, each naming its variable; never quoting a
     *                         token or the secret
     */
    public static Optional<SlackSettings> fromEnv(Map<String, String> env) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        String bot = value(env, BOT_TOKEN);
        String app = value(env, APP_TOKEN);
        String secret = value(env, SIGNING_SECRET);
        String channel = value(env, DEFAULT_CHANNEL);
        if (bot == null) {
            for (String other : List.of(APP_TOKEN, SIGNING_SECRET, DEFAULT_CHANNEL)) {
                if (value(env, other) != null) {
                    errors.add(error(other, "is set but " + BOT_TOKEN + " is not: Slack is on only "
                            + "with a bot token (xoxb-...)"));
                }
            }
            throwIfAny(errors);
            return Optional.empty();
        }
        token(errors, BOT_TOKEN, bot, BOT_TOKEN_PREFIX, "the bot token (OAuth & Permissions, \"Bot User OAuth Token\")");
        if (app != null) {
            token(errors, APP_TOKEN, app, APP_TOKEN_PREFIX, "an app-level token with connections:write "
                    + "(Basic Information, \"App-Level Tokens\")");
        } else if (secret == null) {
            errors.add(error(SIGNING_SECRET, "is required in HTTP mode (Basic Information, "
                    + "\"Signing Secret\"); or set " + APP_TOKEN + " to use Socket Mode instead"));
        }
        if (channel != null) {
            String problem = ChatAddresses.channelProblem("slack:" + channel, List.of());
            if (problem != null) {
                errors.add(error(DEFAULT_CHANNEL, problem));
            }
        }
        URI api = EnvVars.url(errors, API_URL, value(env, API_URL), Set.of("http", "https"), SLACK_API,
                "an http(s) URL such as https://slack.com/api/");
        String command = Optional.ofNullable(value(env, COMMAND)).orElse("/varde");
        if (!COMMAND_NAME.matcher(command).matches()) {
            errors.add(error(COMMAND, "\"" + command + "\" is not a slash command: a / and up to 31 "
                    + "lower-case letters, digits, - or _, e.g. /varde"));
        }
        Duration interval = Duration.ofSeconds(1);
        String intervalText = value(env, MESSAGE_INTERVAL);
        if (intervalText != null) {
            try {
                interval = Durations.parse(intervalText);
            } catch (IllegalArgumentException e) {
                errors.add(error(MESSAGE_INTERVAL, e.getMessage()));
            }
        }
        throwIfAny(errors);
        return Optional.of(new SlackSettings(bot, app, secret, api, channel, command, interval));
    }

    private static void token(List<ConfigError> errors, String name, String value, String prefix,
                              String what) {
        if (!value.startsWith(prefix)) {
            String hint = value.startsWith(BOT_TOKEN_PREFIX) ? " (this is a bot token)"
                    : value.startsWith(APP_TOKEN_PREFIX) ? " (this is an app-level token)" : "";
            errors.add(error(name, "expected " + what + ", which starts with " + prefix + hint));
        } else if (value.chars().anyMatch(Character::isWhitespace)) {
            errors.add(error(name, "contains white space; paste the token alone"));
        }
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + (socketMode() ? "socket" : "http") + ", apiUrl=" + apiUrl
                + ", defaultChannel=" + defaultChannel + ", command=" + command
                + ", messageInterval=" + Durations.format(messageInterval) + "]";
    }
}
