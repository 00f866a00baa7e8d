package io.varde.notify.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
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
import io.varde.core.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <b>Never twice.</b> Slack takes no idempotency key, so each post and edit carries message
 * metadata naming the delivery ({@value #CARD_EVENT} for the card, {@value #LINE_EVENT} for a
 * thread reply, with the delivery's attempt key). When the worker repeats a delivery whose first
 * try may have reached Slack ({@link Delivery#resuming()}), each step is looked for first: the
 * post in {@code conversations.history}, the edit on the message itself, the reply in
 * {@code conversations.replies}, from a minute before that try; a step found is not done again.
 * This needs the scopes {@code channels:history} and {@code groups:history}; without them the
 * step is done again (at least once, as before) and the log says once what to add.
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

    /** Metadata event type of an alert's card (its post and its edits). */
    static final String CARD_EVENT = "varde_alert";
    /** Metadata event type of a thread reply (the lines of a delivery). */
    static final String LINE_EVENT = "varde_lines";
    private static final String KEY = "attempt";
    /** How far before an earlier try a repeat looks for what it did: clocks differ. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(1);
    /** Errors of a lookup that mean "cannot look", not "cannot deliver": the delivery goes on. */
    private static final Set<String> UNREADABLE = Set.of("missing_scope", "not_allowed_token_type",
            "thread_not_found", "no_permission");
    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

    private final MethodsClient methods;
    private final Refusals health;
    private final Clock clock;
    private final Lookup lookup = new Lookup();

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
        Message.Metadata card = metadata(CARD_EVENT, delivery.attemptKey());
        String ts = delivery.messageRef();
        if (ts != null && delivery.editCard()) {
            String existing = ts;
            if (!(delivery.resuming() && lookup.shows(channel, existing, card))) {
                var updated = call(channel, "chat.update", GONE, () -> methods.chatUpdate(r -> r
                        .channel(channel).ts(existing).text(text).blocks(blocks).metadata(card)));
                if (!updated.isOk()) {
                    ts = null;
                }
            }
        }
        if (ts == null) {
            String found = delivery.resuming() ? lookup.posted(channel, null, card, delivery.resumeFrom()) : null;
            if (found != null) {
                settled(channel);
                return found;
            }
            List<LayoutBlock> withMentions = new ArrayList<>(blocks);
            if (!mentions.isEmpty()) {
                withMentions.add(1, Blocks.section(x -> x.text(BlockCompositions.markdownText(mentions))));
            }
            String posted = call(channel, "chat.postMessage", Set.of(), () -> methods.chatPostMessage(r -> r
                    .channel(channel).text(mentions.isEmpty() ? text : text + " " + mentions)
                    .blocks(withMentions).metadata(card).unfurlLinks(false).unfurlMedia(false))).getTs();
            settled(channel);
            return posted;
        }
        if (!delivery.lines().isEmpty() || !mentions.isEmpty()) {
            String thread = ts;
            String reply = (SlackBlocks.escape(delivery.text()) + " " + mentions).strip();
            Message.Metadata line = metadata(LINE_EVENT, delivery.attemptKey());
            if (!(delivery.resuming() && lookup.posted(channel, thread, line, delivery.resumeFrom()) != null)) {
                call(channel, "chat.postMessage", Set.of(), () -> methods.chatPostMessage(r -> r
                        .channel(channel).threadTs(thread).text(reply).replyBroadcast(!mentions.isEmpty())
                        .metadata(line).unfurlLinks(false).unfurlMedia(false)));
            }
        }
        settled(channel);
        return ts;
    }

    /** Message metadata naming one delivery: what a repeat of it looks for. */
    static Message.Metadata metadata(String eventType, String attemptKey) {
        return Message.Metadata.builder().eventType(eventType).eventPayload(Map.of(KEY, attemptKey)).build();
    }

    /**
     * Looks in Slack for what an earlier try of a delivery did, by its metadata: history and
     * threads are read from a minute before that try began (clocks differ), a few pages at most.
     * Without the history scopes (an app installed before they were asked for), it says so once
     * in the log and answers "not there": the delivery is then made again, as before.
     */
    private final class Lookup {

        private static final int PAGES = 10;
        private volatile boolean warned;

        /** The ts of the message (top-level, or a reply in {@code thread}) carrying {@code wanted}, or null. */
        String posted(String channel, String thread, Message.Metadata wanted, Instant since) throws DeliveryException {
            String oldest = slackTs(since.minus(LOOK_BACK));
            String cursor = null;
            for (int page = 0; page < PAGES; page++) {
                String from = cursor;
                List<Message> messages;
                String next;
                if (thread == null) {
                    var answer = look(channel, "conversations.history", () -> methods.conversationsHistory(r -> r
                            .channel(channel).oldest(oldest).limit(200).includeAllMetadata(true).cursor(from)));
                    if (answer == null) {
                        return null;
                    }
                    messages = answer.getMessages();
                    next = answer.getResponseMetadata() == null ? null : answer.getResponseMetadata().getNextCursor();
                } else {
                    var answer = look(channel, "conversations.replies", () -> methods.conversationsReplies(r -> r
                            .channel(channel).ts(thread).oldest(oldest).limit(200).includeAllMetadata(true).cursor(from)));
                    if (answer == null) {
                        return null;
                    }
                    messages = answer.getMessages();
                    next = answer.getResponseMetadata() == null ? null : answer.getResponseMetadata().getNextCursor();
                }
                for (Message found : messages == null ? List.<Message>of() : messages) {
                    if (same(found.getMetadata(), wanted)) {
                        return found.getTs();
                    }
                }
                if (next == null || next.isEmpty()) {
                    return null;
                }
                cursor = next;
            }
            return null;
        }

        /** True when message {@code ts} already carries {@code wanted}: the edit was made. */
        boolean shows(String channel, String ts, Message.Metadata wanted) throws DeliveryException {
            var answer = look(channel, "conversations.history", () -> methods.conversationsHistory(r -> r
                    .channel(channel).oldest(ts).latest(ts).inclusive(true).limit(1).includeAllMetadata(true)));
            if (answer == null || answer.getMessages() == null) {
                return false;
            }
            return answer.getMessages().stream().anyMatch(x -> ts.equals(x.getTs()) && same(x.getMetadata(), wanted));
        }

        private <T extends SlackApiTextResponse> T look(String channel, String method, Call<T> call)
                throws DeliveryException {
            T answer = call(channel, method, UNREADABLE, call);
            if (answer.isOk()) {
                return answer;
            }
            if (!warned) {
                warned = true;
                LOG.warn("event=slack_lookup_unavailable method={} error={} hint=\"add the scopes channels:history "
                        + "and groups:history (docs/slack-app-manifest.yaml) and reinstall, so that a delivery "
                        + "repeated after a crash is not posted twice\"", method, answer.getError());
            }
            return null;
        }
    }

    private static boolean same(Message.Metadata found, Message.Metadata wanted) {
        return found != null && wanted.getEventType().equals(found.getEventType()) && found.getEventPayload() != null
                && wanted.getEventPayload().get(KEY).equals(found.getEventPayload().get(KEY));
    }

    /** Slack's ts for an instant: seconds with six decimals. */
    static String slackTs(Instant at) {
        return String.format(Locale.ROOT, "%d.%06d", at.getEpochSecond(), at.getNano() / 1_000);
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
