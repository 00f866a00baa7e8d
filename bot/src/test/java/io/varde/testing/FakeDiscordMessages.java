package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.testing.FakeDiscord.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of the fake Discord, as Discord would show and echo them: channel messages in
 * posting order (with an edit count), kept as the full message JSON JDA parses. A posted body
 * becomes a message with a new snowflake, the bot as author, its embeds typed {@code rich}, each
 * component given a numeric {@code id} as Discord does, and mentions read from the content
 * ({@code <@user>}, {@code <@&role>}). An edit replaces the fields it carries. Not thread-safe:
 * {@link FakeDiscord} calls it under its lock.
 */
final class FakeDiscordMessages {

    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");
    private static final List<String> EDITABLE = List.of("content", "embeds", "components", "flags",
            "attachments", "allowed_mentions");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final FakeDiscordGuild guild;
    private final Map<String, List<ObjectNode>> channels = new LinkedHashMap<>();
    private final Map<String, Integer> edits = new LinkedHashMap<>();
    private final Map<String, Nonce> nonces = new LinkedHashMap<>();
    static final int NONCE_MINUTES = 5;

    private record Nonce(String channelId, String messageId, Instant at) {
    }
    private long lastId;

    FakeDiscordMessages(ObjectMapper json, FakeDiscordGuild guild) {
        this.json = json;
        this.guild = guild;
    }

    /**
     * A fresh snowflake for {@code now}, increasing: Discord's ids carry their creation time, and
     * JDA reads it (an interaction older than 15 minutes is expired, a message's time is its id's).
     */
    String snowflake(Instant now) {
        lastId = Math.max(lastId + 1, (now.toEpochMilli() - DISCORD_EPOCH_MILLIS) << 22);
        return Long.toString(lastId);
    }

    /**
     * Posts {@code body} into the channel; returns the message as Discord echoes it. With
     * {@code enforce_nonce}, a {@code nonce} the bot used in the last {@value #NONCE_MINUTES}
     * minutes returns that message instead of posting another, as Discord does.
     */
    ObjectNode post(String channelId, JsonNode body, Instant now) {
        String nonce = body.path("nonce").asText("");
        if (!nonce.isEmpty() && body.path("enforce_nonce").asBoolean(false)) {
            Nonce seen = nonces.get(nonce);
            if (seen != null && seen.at().plusSeconds(NONCE_MINUTES * 60L).isAfter(now)) {
                Optional<ObjectNode> earlier = find(seen.channelId(), seen.messageId());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
        }
        ObjectNode message = build(channelId, snowflake(now), body, now);
        if (!nonce.isEmpty()) {
            nonces.put(nonce, new Nonce(channelId, message.get("id").asText(), now));
            message.put("nonce", nonce);
        }
        channels.computeIfAbsent(channelId, k -> new ArrayList<>()).add(message);
        edits.put(message.get("id").asText(), 0);
        return message;
    }

    /** A message that is not kept in a channel (an interaction's reply or followup). */
    ObjectNode detached(String channelId, JsonNode body, Instant now) {
        return build(channelId, snowflake(now), body, now);
    }

    /** Replaces the fields {@code body} carries in channel message {@code messageId}; empty if there is none. */
    Optional<ObjectNode> edit(String channelId, String messageId, JsonNode body, Instant now) {
        Optional<ObjectNode> found = find(channelId, messageId);
        found.ifPresent(message -> {
            apply(message, body, now);
            edits.merge(messageId, 1, Integer::sum);
        });
        return found;
    }

    /** Replaces the fields {@code body} carries in a message not kept in a channel. */
    void apply(ObjectNode message, JsonNode body, Instant now) {
        for (String field : EDITABLE) {
            if (body.has(field)) {
                message.set(field, body.get(field).deepCopy());
            }
        }
        normalize(message);
        message.put("edited_timestamp", TIMESTAMP.format(now));
    }

    /**
     * {@code GET /channels/{id}/messages}: with {@code after}, the {@code limit} (default 50, at
     * most 100) messages right after that id; else the latest ones (before {@code before} when
     * given); newest first, as Discord answers.
     */
    ArrayNode history(String channelId, Map<String, String> query) {
        int limit = Math.max(1, Math.min(100, Integer.parseInt(query.getOrDefault("limit", "50"))));
        List<ObjectNode> all = channels.getOrDefault(channelId, List.of());
        List<ObjectNode> page;
        if (query.containsKey("after")) {
            long after = Long.parseLong(query.get("after"));
            page = all.stream().filter(m -> Long.parseLong(m.get("id").asText()) > after).limit(limit).toList();
        } else {
            long before = Long.parseLong(query.getOrDefault("before", Long.toString(Long.MAX_VALUE)));
            List<ObjectNode> older = all.stream().filter(m -> Long.parseLong(m.get("id").asText()) < before).toList();
            page = older.subList(Math.max(0, older.size() - limit), older.size());
        }
        ArrayNode out = json.createArrayNode();
        for (int i = page.size() - 1; i >= 0; i--) {
            out.add(page.get(i).deepCopy());
        }
        return out;
    }

    /** Removes the message, as a person deleting it in Discord would; false if there was none. */
    boolean delete(String channelId, String messageId) {
        List<ObjectNode> list = channels.getOrDefault(channelId, List.of());
        return list.removeIf(m -> m.get("id").asText().equals(messageId));
    }

    Optional<ObjectNode> find(String channelId, String messageId) {
        return channels.getOrDefault(channelId, List.of()).stream()
                .filter(m -> m.get("id").asText().equals(messageId)).findFirst();
    }

    /** The channel's messages as they read now, in posting order. */
    List<Message> messages(String channelId) {
        return channels.getOrDefault(channelId, List.of()).stream().map(m -> new Message(channelId,
                m.get("id").asText(), m.path("content").asText(""), m.get("embeds").deepCopy(),
                m.get("components").deepCopy(), edits.getOrDefault(m.get("id").asText(), 0), m.deepCopy())).toList();
    }

    /** Every channel's messages, for failure messages of the awaits. */
    String describe() {
        return channels.toString();
    }

    private ObjectNode build(String channelId, String id, JsonNode body, Instant now) {
        ObjectNode message = json.createObjectNode().put("id", id).put("channel_id", channelId).put("type", 0);
        message.set("author", guild.user(FakeDiscord.BOT_ID));
        message.put("content", body.path("content").asText(""))
                .put("timestamp", TIMESTAMP.format(now)).putNull("edited_timestamp")
                .put("tts", body.path("tts").asBoolean(false)).put("mention_everyone", false)
                .put("pinned", false).put("flags", body.path("flags").asInt(0));
        message.set("embeds", body.has("embeds") ? body.get("embeds").deepCopy() : json.createArrayNode());
        message.set("components", body.has("components") ? body.get("components").deepCopy() : json.createArrayNode());
        message.putArray("attachments");
        message.putArray("sticker_items");
        if (body.path("message_reference").has("message_id")) {
            // A reply: Discord echoes the reference with the channel, and the reply type.
            ObjectNode reference = message.putObject("message_reference");
            reference.put("type", 0).put("message_id", body.path("message_reference").path("message_id").asText())
                    .put("channel_id", channelId).put("guild_id", FakeDiscord.GUILD_ID);
            message.put("type", 19);
        }
        normalize(message);
        return message;
    }

    /** What Discord derives from a message: rich embeds, component ids, mentions from the content. */
    private void normalize(ObjectNode message) {
        message.get("embeds").forEach(e -> {
            if (e.isObject() && !e.has("type")) {
                ((ObjectNode) e).put("type", "rich");
            }
        });
        int[] counter = {0};
        number(message.get("components"), counter);
        String content = message.path("content").asText("");
        ArrayNode mentions = message.putArray("mentions");
        Matcher users = USER_MENTION.matcher(content);
        while (users.find()) {
            mentions.add(guild.user(users.group(1)));
        }
        ArrayNode roles = message.putArray("mention_roles");
        Matcher roleIds = ROLE_MENTION.matcher(content);
        while (roleIds.find()) {
            roles.add(roleIds.group(1));
        }
    }

    private static void number(JsonNode components, int[] counter) {
        for (JsonNode component : components) {
            if (component.isObject()) {
                counter[0]++;
                if (!component.has("id")) {
                    ((ObjectNode) component).put("id", counter[0]);
                }
                if (component.has("components")) {
                    number(component.get("components"), counter);
                }
            }
        }
    }
}
