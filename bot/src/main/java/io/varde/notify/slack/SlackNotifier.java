package io.varde.notify.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import io.varde.incident.Incident;
import io.varde.incident.IncidentCards;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import io.varde.notify.Notifier;
import io.varde.notify.Refusals;
import io.varde.notify.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Slack channels ({@code slack:C0123}): each incident is one living message.
 * <p>
 * The first delivery posts it ({@code chat.postMessage}, mentions under its header, so they
 * notify); every later one
 * edits it in place ({@code chat.update}, so a resolved incident shows resolved where it was
 * announced) and adds the delivery's lines (what changed, member changes as one digest) as one
 * thread reply, broadcast to the channel when it mentions someone (an escalation must be seen).
 * A delivery of lines alone (the card already current) only replies. A message deleted in Slack
 * is posted anew.
 * <p>
 * Outcomes for the delivery worker: HTTP 429 is transient with Slack's Retry-After; 5xx, Slack's
 * own transient errors and network errors are transient; a refused token ({@code invalid_auth},
 * {@code token_revoked}, ...) or channel ({@code channel_not_found}, {@code not_in_channel},
 * {@code is_archived}) is reported once through {@link Refusals} and the channel is parked for
 * {@value Refusals#PARK_MINUTES} minutes at a time, so nothing is lost when someone invites the bot or
 * fixes the token, and Slack is not hammered meanwhile (the worker gives up after its bound); any
 * other error (a message Slack will never accept) is permanent. Error texts never hold the token.
 */
public final class SlackNotifier implements Notifier {

    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "ratelimited", "team_added_to_org");
    private static final Set<String> TOKEN = Set.of("invalid_auth", "not_authed", "token_revoked",
            "token_expired", "account_inactive", "missing_scope", "not_allowed_token_type",
            "no_permission", "ekm_access_denied", "team_access_not_granted", "org_login_required");
    private static final Set<String> CHANNEL = Set.of("channel_not_found", "not_in_channel",
            "is_archived", "restricted_action");
    /** Errors of {@code chat.update} after which the message is posted anew. */
    private static final Set<String> GONE = Set.of("message_not_found", "cant_update_message",
            "edit_window_closed");

    private final MethodsClient methods;
    private final Refusals health;
    private final Clock clock;

    /** @param methods the Web API client with the bot token */
    public SlackNotifier(MethodsClient methods, Refusals health, Clock clock) {
        this.methods = methods;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public String send(Delivery delivery) throws DeliveryException {
        OutboxMessage m = delivery.message();
        String channel = delivery.destination();
        String heading = Incident.id(m.incident()) + " · " + m.card().title();
        List<LayoutBlock> blocks = SlackBlocks.of(heading, m.card(),
                "revision " + m.revision() + " · " + IncidentCards.time(m.createdAt()));
        String text = SlackBlocks.fallback(heading, m.card());
        String mentions = mentions(delivery.mentions());
        String ts = delivery.messageRef();
        if (ts != null && delivery.editCard()) {
            String existing = ts;
            var updated = call(channel, "chat.update", GONE, () -> methods.chatUpdate(r -> r
                    .channel(channel).ts(existing).text(text).blocks(blocks)));
            if (!updated.isOk()) {
                ts = null;
            }
        }
        if (ts == null) {
            List<LayoutBlock> withMentions = new ArrayList<>(blocks);
            if (!mentions.isEmpty()) {
                withMentions.add(1, Blocks.section(x -> x.text(BlockCompositions.markdownText(mentions))));
            }
            String posted = call(channel, "chat.postMessage", Set.of(), () -> methods.chatPostMessage(r -> r
                    .channel(channel).text(mentions.isEmpty() ? text : text + " " + mentions)
                    .blocks(withMentions).unfurlLinks(false).unfurlMedia(false))).getTs();
            settled(channel);
            return posted;
        }
        if (!delivery.lines().isEmpty() || !mentions.isEmpty()) {
            String thread = ts;
            String reply = (SlackBlocks.escape(delivery.text()) + " " + mentions).strip();
            call(channel, "chat.postMessage", Set.of(), () -> methods.chatPostMessage(r -> r
                    .channel(channel).threadTs(thread).text(reply).replyBroadcast(!mentions.isEmpty())
                    .unfurlLinks(false).unfurlMedia(false)));
        }
        settled(channel);
        return ts;
    }

    /**
     * Asks Slack whether it takes the token ({@code auth.test}), at start: a refused token is
     * reported at once instead of at the first alert.
     *
     * @return false when Slack refused the token or could not be asked
     */
    public boolean checkToken() {
        try {
            call("", "auth.test", Set.of(), () -> methods.authTest(r -> r));
            health.clear(Refusals.TOKEN);
            return true;
        } catch (DeliveryException e) {
            return false;
        }
    }

    private void settled(String channel) {
        health.clear(Refusals.TOKEN);
        health.clear(Refusals.channel(channel));
    }

    /** A Web API call. */
    @FunctionalInterface
    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /**
     * Runs {@code call} and returns its answer when it is ok or its error is one of
     * {@code accepted}; otherwise throws the classified failure.
     */
    private <T extends SlackApiTextResponse> T call(String channel, String method, Set<String> accepted,
                                                     Call<T> call) throws DeliveryException {
        T answer;
        try {
            answer = call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            String error = "slack " + method + ": HTTP " + status;
            if (status == 429 || status >= 500) {
                throw DeliveryException.transientFailure(error,
                        RetryAfter.parse(e.getResponse().header("Retry-After"), clock.instant()), null);
            }
            throw DeliveryException.permanentFailure(error, null);
        } catch (IOException e) {
            throw DeliveryException.transientFailure("slack " + method + ": " + e.getClass().getSimpleName(), null, e);
        }
        if (answer.isOk() || accepted.contains(answer.getError())) {
            return answer;
        }
        String error = answer.getError() == null ? "unknown error" : answer.getError();
        String text = "slack " + method + ": " + error;
        if (TOKEN.contains(error)) {
            String hint = error.equals("missing_scope")
                    ? "the app lacks scope " + answer.getNeeded() + ": add it (see docs/slack-app-manifest.yaml) and reinstall"
                    : "Slack refuses SLACK_BOT_TOKEN: install the app again and set the new token";
            throw health.park(Refusals.TOKEN, error, hint, text, clock.instant());
        }
        if (CHANNEL.contains(error)) {
            String hint = error.equals("channel_not_found")
                    ? "check the channel id in rules/team.yaml or SLACK_DEFAULT_CHANNEL; for a private channel, invite the bot"
                    : error.equals("not_in_channel") ? "invite the bot: /invite @Varde in the channel"
                    : "the channel is archived or restricted: route its alerts elsewhere";
            throw health.park(Refusals.channel(channel), error, hint, text, clock.instant());
        }
        if (TRANSIENT.contains(error)) {
            throw DeliveryException.transientFailure(text, null, null);
        }
        throw DeliveryException.permanentFailure(text, null);
    }

    /** {@code slack:U1} as {@code <@U1>}, {@code slack-group:S1} as {@code <!subteam^S1>}; others left out. */
    static String mentions(List<String> mentions) {
        List<String> out = new ArrayList<>();
        for (String m : mentions) {
            if (m.startsWith("slack:")) {
                out.add("<@" + m.substring("slack:".length()) + ">");
            } else if (m.startsWith("slack-group:")) {
                out.add("<!subteam^" + m.substring("slack-group:".length()) + ">");
            }
        }
        return String.join(" ", out);
    }
}
