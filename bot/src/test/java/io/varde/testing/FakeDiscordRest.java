package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of the fake Discord REST API (paths relative to {@code /api/v10/}) and their answers
 * in Discord's shapes: the bot's token is checked ({@code Authorization: Bot <token>}, 401
 * otherwise) except on interaction routes, which Discord authorizes by the interaction token in
 * the path; a scripted 429 comes next; then the route. Unknown channels answer 404 (10003),
 * channels marked {@link #missingAccess} 403 (50001), unknown messages 404 (10008), unknown
 * routes 404. Not thread-safe: {@link FakeDiscord} calls it under its lock.
 */
final class FakeDiscordRest {

    /** An answer: status, JSON body (null for none) and extra headers. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {

        static Answer ok(JsonNode body) {
            return new Answer(200, body, Map.of());
        }

        static Answer noContent() {
            return new Answer(204, null, Map.of());
        }

        static Answer error(int status, String message, int code) {
            return new Answer(status, new ObjectMapper().createObjectNode().put("message", message).put("code", code),
                    Map.of());
        }
    }

    private record Limit(Pattern route, double retryAfterSeconds) {
    }

    private static final Pattern COMMANDS = Pattern.compile("applications/(\\d+)(?:/guilds/(\\d+))?/commands");
    private static final Pattern MESSAGES = Pattern.compile("channels/(\\d+)/messages(?:/(\\d+))?");
    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("webhooks/(\\d+)/([^/]+)(/messages/@original)?");

    private final ObjectMapper json;
    private final String botToken;
    private final FakeDiscordGuild guild;
    private final FakeDiscordMessages messages;
    private final FakeDiscordReplies replies;
    private final List<Limit> limits = new ArrayList<>();
    private final Set<String> forbidden = new HashSet<>();
    private final Map<String, ArrayNode> commands = new LinkedHashMap<>();
    private final Map<String, String> commandIds = new HashMap<>();

    FakeDiscordRest(ObjectMapper json, String botToken, FakeDiscordGuild guild, FakeDiscordMessages messages,
            FakeDiscordReplies replies) {
        this.json = json;
        this.botToken = botToken;
        this.guild = guild;
        this.messages = messages;
        this.replies = replies;
    }

    void rateLimitNext(String routeRegex, double retryAfterSeconds) {
        limits.add(new Limit(Pattern.compile(routeRegex), retryAfterSeconds));
    }

    void missingAccess(String channelId) {
        forbidden.add(channelId);
    }

    /** Every registered command, global ones first, each as echoed (with {@code id}, {@code guild_id}). */
    List<JsonNode> commands() {
        List<JsonNode> all = new ArrayList<>();
        commands.values().forEach(array -> array.forEach(c -> all.add(c.deepCopy())));
        return all;
    }

    /** The id of command {@code name} as registered (guild scope first), or a fixed one if it was not. */
    String commandId(String name) {
        return commandIds.getOrDefault(FakeDiscord.GUILD_ID + "/" + name,
                commandIds.getOrDefault("global/" + name, "1300000000000000900"));
    }

    /** Answers {@code method path} ({@code body} is a JSON node, missing when there was none). */
    Answer answer(String method, String pathAndQuery, String authorization, JsonNode body, Instant now) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : FakeSlackRequest.form(pathAndQuery.substring(q + 1));
        boolean interactionRoute = path.startsWith("interactions/") || path.startsWith("webhooks/");
        if (!interactionRoute && !("Bot " + botToken).equals(authorization)) {
            return Answer.error(401, "401: Unauthorized", 0);
        }
        for (Iterator<Limit> it = limits.iterator(); it.hasNext();) {
            Limit limit = it.next();
            if (limit.route().matcher(method + " " + path).find()) {
                it.remove();
                return rateLimited(limit.retryAfterSeconds());
            }
        }
        Matcher m;
        if (method.equals("GET") && path.equals("users/@me")) {
            return Answer.ok(guild.self());
        } else if ((m = COMMANDS.matcher(path)).matches() && method.equals("PUT")) {
            return register(m.group(2), body, now);
        } else if ((m = MESSAGES.matcher(path)).matches()) {
            return message(method, m.group(1), m.group(2), query, body, now);
        } else if ((m = CALLBACK.matcher(path)).matches() && method.equals("POST")) {
            return replies.callback(m.group(1), m.group(2), body, now);
        } else if ((m = WEBHOOK.matcher(path)).matches() && m.group(1).equals(FakeDiscord.APP_ID)) {
            if (m.group(3) != null && method.equals("PATCH")) {
                return replies.editOriginal(m.group(2), body, now);
            } else if (m.group(3) == null && method.equals("POST")) {
                return replies.followup(m.group(2), body, now);
            }
        }
        return Answer.error(404, "404: Not Found", 0);
    }

    private Answer message(String method, String channelId, String messageId, Map<String, String> query,
                           JsonNode body, Instant now) {
        if (!guild.hasChannel(channelId)) {
            return Answer.error(404, "Unknown Channel", 10003);
        }
        if (forbidden.contains(channelId)) {
            return Answer.error(403, "Missing Access", 50001);
        }
        if (messageId == null && method.equals("POST")) {
            return Answer.ok(messages.post(channelId, body, now));
        }
        if (messageId == null && method.equals("GET")) {
            return Answer.ok(messages.history(channelId, query));
        }
        if (messageId != null && method.equals("PATCH")) {
            return messages.edit(channelId, messageId, body, now).<Answer>map(Answer::ok).orElse(unknownMessage());
        }
        if (messageId != null && method.equals("GET")) {
            return messages.find(channelId, messageId).<Answer>map(Answer::ok).orElse(unknownMessage());
        }
        if (messageId != null && method.equals("DELETE")) {
            return messages.delete(channelId, messageId) ? Answer.noContent() : unknownMessage();
        }
        return Answer.error(405, "405: Method Not Allowed", 0);
    }

    private Answer register(String guildId, JsonNode body, Instant now) {
        String scope = guildId == null ? "global" : guildId;
        ArrayNode echoed = json.createArrayNode();
        for (JsonNode command : body) {
            ObjectNode c = command.deepCopy();
            String key = scope + "/" + c.path("name").asText();
            c.put("id", commandIds.computeIfAbsent(key, k -> messages.snowflake(now)))
                    .put("application_id", FakeDiscord.APP_ID).put("version", messages.snowflake(now))
                    .put("type", c.path("type").asInt(1)).put("nsfw", c.path("nsfw").asBoolean(false));
            if (!c.has("default_member_permissions")) {
                c.putNull("default_member_permissions");
            }
            if (guildId != null) {
                c.put("guild_id", guildId);
            }
            echoed.add(c);
        }
        commands.put(scope, echoed);
        return Answer.ok(echoed.deepCopy());
    }

    /**
     * Discord's 429 for one route. {@code Retry-After} is whole seconds (JDA reads it as an
     * integer), {@code Via} marks it as Discord's own answer (without it JDA takes a 429 for a
     * Cloudflare ban), the scope is the user's, not global.
     */
    private Answer rateLimited(double retryAfterSeconds) {
        ObjectNode body = json.createObjectNode().put("message", "You are being rate limited.")
                .put("retry_after", retryAfterSeconds).put("global", false);
        return new Answer(429, body, Map.of("Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)),
                "Via", "1.1 google", "X-RateLimit-Scope", "user"));
    }

    private static Answer unknownMessage() {
        return Answer.error(404, "Unknown Message", 10008);
    }
}
