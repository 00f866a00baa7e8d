package io.varde.testing;

import static io.varde.testing.FakeDiscord.APP_ID;
import static io.varde.testing.FakeDiscord.CHANNEL_ID;
import static io.varde.testing.FakeDiscord.GUILD_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The {@code d} of an {@code INTERACTION_CREATE} dispatch as Discord sends it in the guild's text
 * channel: type 2 (a {@code /varde <sub>} slash command), type 3 (a button click on a message) and
 * type 4 (autocomplete, one option focused), each with the invoking member and its roles, the
 * partial channel, the bot's permissions and an interaction token. Pure JSON building, no I/O.
 *
 * <p>Option values map to Discord option types by their Java type: {@link String} 3,
 * {@link Integer}/{@link Long} 4, {@link Boolean} 5, {@link Double} 10.
 */
final class FakeDiscordInteractions {

    static final int APPLICATION_COMMAND = 2;
    static final int MESSAGE_COMPONENT = 3;
    static final int AUTOCOMPLETE = 4;

    private final ObjectMapper json;
    private final FakeDiscordGuild guild;

    FakeDiscordInteractions(ObjectMapper json, FakeDiscordGuild guild) {
        this.json = json;
        this.guild = guild;
    }

    /** {@code /<command> <sub> [options]} by {@code userId}; {@code commandId} as registered. */
    ObjectNode slash(String id, String token, String userId, String commandId, String command, String sub,
            Map<String, ?> options) {
        ObjectNode interaction = base(id, token, APPLICATION_COMMAND, userId);
        interaction.set("data", commandData(commandId, command, sub, options, null));
        return interaction;
    }

    /** Autocomplete of option {@code focused} (its value in {@code options} is what was typed so far). */
    ObjectNode autocomplete(String id, String token, String userId, String commandId, String command, String sub,
            Map<String, ?> options, String focused) {
        ObjectNode interaction = base(id, token, AUTOCOMPLETE, userId);
        interaction.set("data", commandData(commandId, command, sub, options, focused));
        return interaction;
    }

    /** A click on button {@code customId} of {@code message} (the message as it reads now). */
    ObjectNode button(String id, String token, String userId, JsonNode message, String customId) {
        ObjectNode interaction = base(id, token, MESSAGE_COMPONENT, userId);
        interaction.set("message", message.deepCopy());
        interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
        return interaction;
    }

    private ObjectNode base(String id, String token, int type, String userId) {
        ObjectNode interaction = json.createObjectNode().put("id", id).put("application_id", APP_ID)
                .put("type", type).put("token", token).put("version", 1).put("guild_id", GUILD_ID)
                .put("channel_id", CHANNEL_ID).put("app_permissions", FakeDiscordGuild.ALL_PERMISSIONS)
                .put("locale", "en-US").put("guild_locale", "en-US").put("context", 0)
                .put("attachment_size_limit", 10_485_760);
        interaction.set("channel", guild.channel(false));
        interaction.set("member", guild.member(userId, FakeDiscordGuild.MEMBER_PERMISSIONS));
        interaction.putObject("guild").put("id", GUILD_ID).put("locale", "en-US").putArray("features");
        interaction.putArray("entitlements");
        interaction.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        return interaction;
    }

    private ObjectNode commandData(String commandId, String command, String sub, Map<String, ?> options,
            String focused) {
        ObjectNode data = json.createObjectNode().put("id", commandId).put("name", command).put("type", 1)
                .put("guild_id", GUILD_ID);
        ObjectNode subcommand = data.putArray("options").addObject().put("name", sub).put("type", 1);
        ArrayNode values = subcommand.putArray("options");
        options.forEach((name, value) -> {
            ObjectNode option = values.addObject().put("name", name);
            if (value instanceof Boolean b) {
                option.put("type", 5).put("value", b);
            } else if (value instanceof Integer || value instanceof Long) {
                option.put("type", 4).put("value", ((Number) value).longValue());
            } else if (value instanceof Double d) {
                option.put("type", 10).put("value", d);
            } else {
                option.put("type", 3).put("value", String.valueOf(value));
            }
            if (name.equals(focused)) {
                option.put("focused", true);
            }
        });
        return data;
    }
}
