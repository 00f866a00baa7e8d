package io.varde.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.testing.FakeSlack.Failure;
import io.varde.testing.FakeSlack.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * The Web API methods of the fake Slack, free of I/O: a request and the time it arrived in, an
 * {@link Answer} out. Not thread-safe on its own: {@link FakeSlack} calls it under its lock.
 *
 * <p>Checks run in this order: a scripted failure for the method; an unknown method
 * ({@code unknown_method}); no token ({@code not_authed}); a token that is neither the bot's nor
 * the attached app token ({@code invalid_auth}); a revoked workspace ({@code token_revoked});
 * the wrong kind of token ({@code not_allowed_token_type}: only the app token opens Socket Mode
 * connections, and it does nothing else but {@code auth.test}); then the method itself. Every
 * {@code ok:false} answer is HTTP 200, as Slack's are, except rate limits (429) and scripted
 * HTTP statuses.
 */
final class FakeSlackMethods {

    /** An HTTP answer: status, {@code Retry-After} seconds (null: no header) and JSON body. */
    record Answer(int status, Integer retryAfter, ObjectNode body) {

        /** The Slack error of the answer, null when it is {@code ok:true}. */
        String error() {
            return body.path("ok").asBoolean() ? null : body.path("error").asText();
        }
    }

    private final ObjectMapper json;
    private final String botToken;
    private final FakeSlackChannels channels = new FakeSlackChannels();
    private final Map<String, Queue<Failure>> failures = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final Set<String> notIn = new HashSet<>();
    private final Map<String, List<String>> groups = new HashMap<>();
    private final Map<String, Instant> lastPost = new HashMap<>();
    private String appToken;
    private String socketUrl;
    private boolean revoked;
    private Duration postInterval;
    private boolean noHistoryScope;
    private int violations;

    FakeSlackMethods(ObjectMapper json, String botToken) {
        this.json = json;
        this.botToken = botToken;
    }

    FakeSlackChannels channels() {
        return channels;
    }

    void attach(String url, String token) {
        socketUrl = url;
        appToken = token;
    }

    void userGroup(String id, List<String> users) {
        groups.put(id, List.copyOf(users));
    }

    private Answer userGroup(String id) {
        List<String> users = groups.get(id);
        if (users == null) {
            return failed("no_such_subteam");
        }
        ObjectNode body = json.createObjectNode();
        users.forEach(body.putArray("users")::add);
        return ok(body);
    }

    void revoke() {
        revoked = true;
    }

    void missingChannel(String id) {
        missing.add(id);
    }

    void notInChannel(String id) {
        notIn.add(id);
    }

    void invite(String id) {
        notIn.remove(id);
    }

    void failNext(String method, Failure failure) {
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(failure);
    }

    void withoutHistoryScope() {
        noHistoryScope = true;
    }

    void limitPostsPerChannel(Duration interval) {
        postInterval = interval;
    }

    int rateLimitViolations() {
        return violations;
    }

    Answer answer(FakeSlackRequest call, Instant now) {
        Failure scripted = Optional.ofNullable(failures.get(call.method())).map(Queue::poll).orElse(null);
        if (scripted != null) {
            return new Answer(scripted.httpStatus(), scripted.retryAfterSeconds(), error(scripted.error()));
        }
        String method = call.method();
        if (!Set.of("auth.test", "chat.postMessage", "chat.update", "chat.postEphemeral", "apps.connections.open",
                "usergroups.users.list", "conversations.history", "conversations.replies").contains(method)) {
            return failed("unknown_method");
        }
        String token = call.token();
        if (token == null || token.isEmpty()) {
            return failed("not_authed");
        }
        boolean bot = token.equals(botToken);
        boolean app = token.equals(appToken);
        if (!bot && !app) {
            return failed("invalid_auth");
        }
        if (revoked) {
            return failed("token_revoked");
        }
        if (method.equals("apps.connections.open") != app && !method.equals("auth.test")) {
            return failed("not_allowed_token_type");
        }
        Map<String, String> p = call.params();
        return switch (method) {
            case "auth.test" -> ok(identity());
            case "apps.connections.open" -> ok(json.createObjectNode().put("url", socketUrl));
            case "usergroups.users.list" -> userGroup(p.get("usergroup"));
            case "conversations.history", "conversations.replies" -> history(method, p);
            default -> chat(method, p, now);
        };
    }

    private Answer chat(String method, Map<String, String> p, Instant now) {
        String channel = p.get("channel");
        if (channel == null || channel.isEmpty() || missing.contains(channel)) {
            return failed("channel_not_found");
        }
        if (notIn.contains(channel)) {
            return failed("not_in_channel");
        }
        JsonNode blocks;
        try {
            blocks = blocks(p.get("blocks"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return failed("invalid_blocks");
        }
        JsonNode metadata;
        try {
            metadata = p.get("metadata") == null ? null : json.readTree(p.get("metadata"));
        } catch (JsonProcessingException e) {
            return failed("invalid_metadata_format");
        }
        if (metadata != null && (!metadata.path("event_type").isTextual() || !metadata.path("event_payload").isObject())) {
            return failed("invalid_metadata_schema");
        }
        String text = p.get("text");
        if (!method.equals("chat.update") && text == null && blocks == null) {
            return failed("no_text");
        }
        switch (method) {
            case "chat.postMessage" -> {
                if (postInterval != null) {
                    Instant last = lastPost.get(channel);
                    if (last != null && now.isBefore(last.plus(postInterval))) {
                        violations++;
                        return new Answer(429, 1, error("ratelimited"));
                    }
                    lastPost.put(channel, now);
                }
                Message m = channels.post(channel, text, orEmpty(blocks), p.get("thread_ts"), metadata, now);
                return ok(json.createObjectNode().put("channel", channel).put("ts", m.ts())
                        .set("message", messageJson(m, false)));
            }
            case "chat.update" -> {
                Optional<Message> m = channels.update(channel, p.getOrDefault("ts", ""), text, blocks, metadata);
                if (m.isEmpty()) {
                    return failed("message_not_found");
                }
                return ok(json.createObjectNode().put("channel", channel).put("ts", m.get().ts())
                        .put("text", m.get().text()).set("message", messageJson(m.get(), false)));
            }
            default -> {
                if (p.get("user") == null) {
                    return failed("user_not_in_channel");
                }
                Message m = channels.postEphemeral(channel, p.get("user"), text, orEmpty(blocks), p.get("thread_ts"), now);
                return ok(json.createObjectNode().put("message_ts", m.ts()));
            }
        }
    }

    private ObjectNode identity() {
        return json.createObjectNode().put("url", "https://varde-test.slack.com/").put("team", "Varde Test")
                .put("user", "varde").put("team_id", FakeSlack.TEAM_ID).put("user_id", FakeSlack.BOT_USER_ID)
                .put("bot_id", FakeSlack.BOT_ID).put("is_enterprise_install", false);
    }

    /**
     * {@code conversations.history} (a channel's top-level messages) and
     * {@code conversations.replies} (a thread: its parent, then its replies), as Slack pages them:
     * {@code oldest} and {@code latest} bound the ts ({@code inclusive} takes the bounds
     * themselves), newest first for history and oldest first for replies, {@code limit} per page
     * (default 100) and {@code response_metadata.next_cursor} for the next. Metadata is shown only
     * with {@code include_all_metadata=true}.
     */
    private Answer history(String method, Map<String, String> p) {
        if (noHistoryScope) {
            ObjectNode body = error("missing_scope");
            body.put("needed", "channels:history,groups:history").put("provided", "chat:write,commands");
            return new Answer(200, null, body);
        }
        String channel = p.get("channel");
        if (channel == null || channel.isEmpty() || missing.contains(channel)) {
            return failed("channel_not_found");
        }
        if (notIn.contains(channel)) {
            return failed("not_in_channel");
        }
        boolean replies = method.equals("conversations.replies");
        List<Message> all = new java.util.ArrayList<>();
        if (replies) {
            String thread = p.getOrDefault("ts", "");
            channels.messages(channel).stream().filter(m -> m.ts().equals(thread)).forEach(all::add);
            if (all.isEmpty()) {
                return failed("thread_not_found");
            }
            all.addAll(channels.replies(channel, thread));
        } else {
            all.addAll(channels.messages(channel));
            java.util.Collections.reverse(all);
        }
        boolean inclusive = flag(p.get("inclusive"));
        java.math.BigDecimal oldest = ts(p.get("oldest"));
        java.math.BigDecimal latest = ts(p.get("latest"));
        List<Message> inRange = all.stream().filter(m -> {
            java.math.BigDecimal t = new java.math.BigDecimal(m.ts());
            boolean afterOldest = oldest == null || (inclusive ? t.compareTo(oldest) >= 0 : t.compareTo(oldest) > 0);
            boolean beforeLatest = latest == null || (inclusive ? t.compareTo(latest) <= 0 : t.compareTo(latest) < 0);
            return afterOldest && beforeLatest;
        }).toList();
        int limit = Math.max(1, Math.min(1000, Integer.parseInt(p.getOrDefault("limit", "100"))));
        int from = p.get("cursor") == null || p.get("cursor").isEmpty() ? 0 : Integer.parseInt(p.get("cursor"));
        int to = Math.min(inRange.size(), from + limit);
        boolean metadata = flag(p.get("include_all_metadata"));
        ObjectNode body = json.createObjectNode();
        var messages = body.putArray("messages");
        inRange.subList(Math.min(from, to), to).forEach(m -> messages.add(messageJson(m, metadata)));
        body.put("has_more", to < inRange.size());
        body.putObject("response_metadata").put("next_cursor", to < inRange.size() ? Integer.toString(to) : "");
        return ok(body);
    }

    /** A boolean parameter: the SDK sends {@code 1} and {@code 0}, others {@code true}. */
    private static boolean flag(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private static java.math.BigDecimal ts(String value) {
        return value == null || value.isEmpty() ? null : new java.math.BigDecimal(value);
    }

    private ObjectNode messageJson(Message m, boolean withMetadata) {
        ObjectNode node = json.createObjectNode().put("type", "message").put("text", m.text())
                .put("user", FakeSlack.BOT_USER_ID).put("bot_id", FakeSlack.BOT_ID).put("app_id", FakeSlack.APP_ID)
                .put("team", FakeSlack.TEAM_ID).put("ts", m.ts());
        if (m.threadTs() != null) {
            node.put("thread_ts", m.threadTs());
        }
        if (!m.blocks().isEmpty()) {
            node.set("blocks", m.blocks());
        }
        if (withMetadata && m.metadata() != null) {
            node.set("metadata", m.metadata());
        }
        return node;
    }

    /** The {@code blocks} field: null when absent; an array, or else invalid. */
    private JsonNode blocks(String field) throws JsonProcessingException {
        if (field == null) {
            return null;
        }
        JsonNode node = json.readTree(field);
        if (!node.isArray()) {
            throw new IllegalArgumentException("blocks is not an array");
        }
        return node;
    }

    private JsonNode orEmpty(JsonNode blocks) {
        return blocks == null ? json.createArrayNode() : blocks;
    }

    private Answer ok(ObjectNode fields) {
        ObjectNode body = json.createObjectNode().put("ok", true);
        body.setAll(fields);
        return new Answer(200, null, body);
    }

    private Answer failed(String slackError) {
        return new Answer(200, null, error(slackError));
    }

    private ObjectNode error(String slackError) {
        return json.createObjectNode().put("ok", false).put("error", slackError);
    }
}
