package io.varde.chat.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.dialogs.payload.DialogCancellationPayload;
import com.slack.api.app_backend.dialogs.payload.DialogSubmissionPayload;
import com.slack.api.app_backend.dialogs.payload.DialogSuggestionPayload;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.events.payload.UrlVerificationPayload;
import com.slack.api.app_backend.interactive_components.payload.AttachmentActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockSuggestionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.WorkflowStepEditPayload;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadDetector;
import com.slack.api.app_backend.ssl_check.SSLCheckPayloadDetector;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.app_backend.views.payload.ViewClosedPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.util.json.GsonFactory;
import java.util.Set;

/**
 * Whether Bolt's {@code SlackRequestParser} (1.46.0) recognises a body, asked the way it asks
 * (its own extractor and detectors, the payload types it switches on), but without its habit of
 * logging a body it does not recognise at WARN, whole. Only what this says yes to goes to the
 * parser; the rest is answered 400 without a word about its content. OAuth paths, which the parser
 * also knows, are off in Varde and so not recognised. When Bolt is upgraded, compare this with
 * the parser ({@code SlackHttpRequestsTest} sends bodies it would log, and fails if it does).
 */
final class BoltPatterns {

    /** The {@code type}s of a {@code payload=} or JSON body the parser makes a request of. */
    private static final Set<String> PAYLOAD_TYPES = Set.of(AttachmentActionPayload.TYPE, BlockActionPayload.TYPE,
            BlockSuggestionPayload.TYPE, GlobalShortcutPayload.TYPE, MessageShortcutPayload.TYPE,
            EventsApiPayload.TYPE, UrlVerificationPayload.TYPE, DialogCancellationPayload.TYPE,
            DialogSubmissionPayload.TYPE, DialogSuggestionPayload.TYPE, ViewSubmissionPayload.TYPE,
            ViewClosedPayload.TYPE, WorkflowStepEditPayload.TYPE);

    private BoltPatterns() {
    }

    /**
     * True when the parser makes a request of {@code body} without logging it.
     *
     * @throws RuntimeException when the body cannot be read at all (a broken {@code %} escape,
     *                          JSON that is not JSON), as the parser would throw
     */
    static boolean recognised(String body) {
        String json = new JsonPayloadExtractor().extractIfExists(body);
        if (json != null) {
            JsonElement parsed = GsonFactory.createSnakeCase().fromJson(json, JsonElement.class);
            if (parsed == null || !parsed.isJsonObject()) {
                return false;
            }
            JsonElement type = ((JsonObject) parsed).get("type");
            return type != null && type.isJsonPrimitive() && PAYLOAD_TYPES.contains(type.getAsString());
        }
        return new SlashCommandPayloadDetector().isCommand(body) || new SSLCheckPayloadDetector().isSSLCheckRequest(body);
    }
}
