package io.varde.config;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The syntax of channels and identities in {@code team.yaml}. Pure.
 *
 * <p>A channel is where a message is posted: {@code console}, {@code slack:<channel id>},
 * {@code discord:<channel id>} or {@code webhook:<name>}. An identity is who is given a role or
 * mentioned: {@code slack:<user id>}, {@code slack-group:<user group id>},
 * {@code discord:<user id>} or {@code discord-role:<role id>}. Ids, not names, are required
 * everywhere: people and channels are renamed, ids stay, and the platforms report ids.
 */
final class ChatAddresses {

    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,}");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern SLACK_GROUP = Pattern.compile("S[A-Z0-9]{2,}");
    /** Discord ids are snowflakes: 64-bit numbers, 17 to 20 digits today. */
    private static final Pattern SNOWFLAKE = Pattern.compile("[1-9][0-9]{16,19}");
    private static final String SNOWFLAKE_RULE =
            "use the numeric id (17 to 20 digits, e.g. 123456789012345678)";

    private ChatAddresses() {
    }

    /**
     * What is wrong with {@code channel}, or null when it is valid.
     *
     * @param webhooks the names defined under {@code webhooks:}
     */
    static String channelProblem(String channel, Collection<String> webhooks) {
        if (channel.equals("console")) {
            return null;
        }
        int colon = channel.indexOf(':');
        String kind = colon < 0 ? "" : channel.substring(0, colon);
        String id = channel.substring(colon + 1);
        return switch (kind) {
            case "slack" -> SLACK_CHANNEL.matcher(id).matches() ? null
                    : "invalid Slack channel id \"" + id + "\": use the channel id (e.g. "
                            + "C0123ABCD, shown in the channel's details), not its name";
            case "discord" -> SNOWFLAKE.matcher(id).matches() ? null
                    : "invalid Discord channel id \"" + id + "\": " + SNOWFLAKE_RULE;
            case "webhook" -> webhooks.contains(id) ? null : unknownWebhook(id, webhooks);
            default -> "invalid channel \"" + channel + "\": use console, slack:<channel id>, "
                    + "discord:<channel id> or webhook:<name>";
        };
    }

    /** What is wrong with {@code identity}, or null when it is valid. */
    static String identityProblem(String identity) {
        int colon = identity.indexOf(':');
        String kind = colon < 0 ? "" : identity.substring(0, colon);
        String id = identity.substring(colon + 1);
        return switch (kind) {
            case "slack" -> {
                if (SLACK_USER.matcher(id).matches()) {
                    yield null;
                }
                yield SLACK_GROUP.matcher(id).matches()
                        ? "\"" + id + "\" is a Slack user group id: write slack-group:" + id
                        : "invalid Slack user id \"" + id + "\": user ids start with U or W, "
                                + "e.g. U0123ABCD";
            }
            case "slack-group" -> SLACK_GROUP.matcher(id).matches() ? null
                    : "invalid Slack user group id \"" + id + "\": user group ids start with S, "
                            + "e.g. S0123ABCD";
            case "discord" -> SNOWFLAKE.matcher(id).matches() ? null
                    : "invalid Discord user id \"" + id + "\": " + SNOWFLAKE_RULE;
            case "discord-role" -> SNOWFLAKE.matcher(id).matches() ? null
                    : "invalid Discord role id \"" + id + "\": " + SNOWFLAKE_RULE;
            default -> "invalid identity \"" + identity + "\": use slack:<user id>, "
                    + "slack-group:<user group id>, discord:<user id> or discord-role:<role id>";
        };
    }

    private static String unknownWebhook(String name, Collection<String> webhooks) {
        String known = Suggestions.closest(name, webhooks)
                .map(s -> "; did you mean `webhook:" + s + "`?")
                .orElse(webhooks.isEmpty() ? ": define it under `webhooks`"
                        : ": define it under `webhooks` (defined: " + String.join(", ", webhooks)
                                + ")");
        return "no webhook named \"" + name + "\"" + known;
    }
}
