package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.testing.FakeDiscordRest.Answer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bot answered to each interaction the fake dispatched: the callback (once; a second one
 * is refused with Discord's 40060), the original response and followups sent through the
 * interaction webhook. A type 7 callback, or an edit of {@code @original} after a type 6, changes
 * the channel message the clicked button was on, as in Discord. Not thread-safe: {@link FakeDiscord}
 * calls it under its lock.
 */
final class FakeDiscordReplies {

    private static final int UPDATE_MESSAGE = 7;
    private static final int DEFERRED_UPDATE = 6;
    private static final int MESSAGE = 4;
    private static final int DEFERRED_MESSAGE = 5;
    private static final int LOADING = 128;

    /** An interaction sent to the bot; {@code messageId} is the clicked message's, null for commands. */
    private record Sent(String id, String token, String messageId) {
    }

    private final FakeDiscordMessages messages;
    private final Map<String, Sent> byToken = new HashMap<>();
    private final Map<String, JsonNode> callbacks = new HashMap<>();
    private final Map<String, ObjectNode> originals = new HashMap<>();
    private final Map<String, List<ObjectNode>> followups = new HashMap<>();

    FakeDiscordReplies(FakeDiscordMessages messages) {
        this.messages = messages;
    }

    void sent(String id, String token, String messageId) {
        byToken.put(token, new Sent(id, token, messageId));
    }

    /** {@code POST interactions/{id}/{token}/callback}. */
    Answer callback(String id, String token, JsonNode body, Instant now) {
        Sent sent = byToken.get(token);
        if (sent == null || !sent.id().equals(id)) {
            return Answer.error(404, "Unknown interaction", 10062);
        }
        if (callbacks.containsKey(id)) {
            return Answer.error(400, "Interaction has already been acknowledged.", 40060);
        }
        callbacks.put(id, body.deepCopy());
        int type = body.path("type").asInt();
        JsonNode data = body.path("data");
        if (type == MESSAGE) {
            originals.put(id, messages.detached(FakeDiscord.CHANNEL_ID, data, now));
        } else if (type == DEFERRED_MESSAGE) {
            ObjectNode loading = messages.detached(FakeDiscord.CHANNEL_ID, data, now);
            loading.put("flags", data.path("flags").asInt(0) | LOADING);
            originals.put(id, loading);
        } else if (type == UPDATE_MESSAGE && sent.messageId() != null) {
            messages.edit(FakeDiscord.CHANNEL_ID, sent.messageId(), data, now);
        }
        return Answer.noContent();
    }

    /** {@code PATCH webhooks/{app}/{token}/messages/@original}. */
    Answer editOriginal(String token, JsonNode body, Instant now) {
        Sent sent = byToken.get(token);
        if (sent == null) {
            return Answer.error(404, "Unknown Webhook", 10015);
        }
        int type = callbacks.getOrDefault(sent.id(), MissingNode.getInstance()).path("type").asInt(0);
        if ((type == DEFERRED_UPDATE || type == UPDATE_MESSAGE) && sent.messageId() != null) {
            return messages.edit(FakeDiscord.CHANNEL_ID, sent.messageId(), body, now).<Answer>map(Answer::ok)
                    .orElse(Answer.error(404, "Unknown Message", 10008));
        }
        ObjectNode original = originals.get(sent.id());
        if (original == null) {
            return Answer.error(404, "Unknown Message", 10008);
        }
        messages.apply(original, body, now);
        original.put("flags", original.path("flags").asInt(0) & ~LOADING);
        return Answer.ok(original);
    }

    /** {@code POST webhooks/{app}/{token}}: a followup message. */
    Answer followup(String token, JsonNode body, Instant now) {
        Sent sent = byToken.get(token);
        if (sent == null) {
            return Answer.error(404, "Unknown Webhook", 10015);
        }
        ObjectNode message = messages.detached(FakeDiscord.CHANNEL_ID, body, now);
        followups.computeIfAbsent(sent.id(), k -> new ArrayList<>()).add(message);
        return Answer.ok(message);
    }

    Optional<JsonNode> callback(String interactionId) {
        return Optional.ofNullable(callbacks.get(interactionId)).map(JsonNode::deepCopy);
    }

    Optional<JsonNode> original(String interactionId) {
        return Optional.ofNullable(originals.get(interactionId)).map(JsonNode::deepCopy);
    }

    List<JsonNode> followups(String interactionId) {
        return followups.getOrDefault(interactionId, List.of()).stream().map(m -> (JsonNode) m.deepCopy()).toList();
    }

    String describe() {
        return "callbacks=" + callbacks + " originals=" + originals + " followups=" + followups;
    }
}
