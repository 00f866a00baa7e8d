package io.varde.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Slack sends to an app, for tests: the signed headers of HTTP mode, the form body of a
 * slash command and the {@code payload=} body of a button click, and the same content as JSON for
 * Socket Mode envelopes. Identities are the fake workspace's ({@link FakeSlack#TEAM_ID},
 * {@link FakeSlack#APP_ID}); the verification token is a fixed dummy, which Bolt ignores unless
 * one is configured.
 */
public final class SlackRequests {

    public static final String VERIFICATION_TOKEN = "fake-verification-token";
    public static final String TEAM_DOMAIN = "varde-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackRequests() {
    }

    /**
     * {@code X-Slack-Signature} ({@code v0=} + hex HMAC-SHA256 of {@code v0:ts:rawBody} under the
     * signing secret), {@code X-Slack-Request-Timestamp} and the form content type. Sign the exact
     * body bytes that are sent.
     */
    public static Map<String, String> signedHeaders(String signingSecret, long epochSeconds, String rawBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Slack-Signature", "v0=" + hmacSha256Hex(signingSecret, "v0:" + epochSeconds + ":" + rawBody));
        headers.put("X-Slack-Request-Timestamp", Long.toString(epochSeconds));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return headers;
    }

    /** The URL-encoded form body of a slash command, with every field Slack sends. */
    public static String slashCommand(String command, String text, String userId, String userName,
            String channelId, String responseUrl) {
        return slashCommandPayload(command, text, userId, userName, channelId, responseUrl).properties().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue().asText()))
                .collect(Collectors.joining("&"));
    }

    /** The fields of a slash command as a JSON object, the payload of a {@code slash_commands} envelope. */
    public static ObjectNode slashCommandPayload(String command, String text, String userId, String userName,
            String channelId, String responseUrl) {
        return JSON.createObjectNode().put("token", VERIFICATION_TOKEN).put("team_id", FakeSlack.TEAM_ID)
                .put("team_domain", TEAM_DOMAIN).put("channel_id", channelId).put("channel_name", "varde-alerts")
                .put("user_id", userId).put("user_name", userName).put("command", command).put("text", text)
                .put("api_app_id", FakeSlack.APP_ID).put("is_enterprise_install", "false")
                .put("response_url", responseUrl).put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
    }

    /** The body of a button click: {@code payload=} and the URL-encoded {@code block_actions} JSON. */
    public static String blockAction(String actionId, String value, String userId, String channelId,
            String messageTs, String responseUrl) {
        return "payload=" + encode(blockActionPayload(actionId, value, userId, channelId, messageTs, responseUrl)
                .toString());
    }

    /** A {@code block_actions} payload: one button {@code actionId} clicked on bot message {@code messageTs}. */
    public static ObjectNode blockActionPayload(String actionId, String value, String userId, String channelId,
            String messageTs, String responseUrl) {
        ObjectNode p = JSON.createObjectNode().put("type", "block_actions");
        p.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", TEAM_DOMAIN);
        p.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("name", userId.toLowerCase())
                .put("team_id", FakeSlack.TEAM_ID);
        p.put("api_app_id", FakeSlack.APP_ID).put("token", VERIFICATION_TOKEN);
        p.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channelId)
                .put("is_ephemeral", false);
        p.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        p.putObject("channel").put("id", channelId).put("name", "varde-alerts");
        p.putObject("message").put("type", "message").put("ts", messageTs).put("text", "alert")
                .put("user", FakeSlack.BOT_USER_ID).put("bot_id", FakeSlack.BOT_ID);
        p.put("response_url", responseUrl);
        ObjectNode action = p.putArray("actions").addObject().put("action_id", actionId).put("block_id", "actions")
                .put("value", value).put("type", "button").put("action_ts", "1764340100.000001");
        action.putObject("text").put("type", "plain_text").put("text", actionId);
        return p;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String hmacSha256Hex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}
