package io.varde.notify.discord;

import io.varde.incident.Incident;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import io.varde.notify.Notifier;
import io.varde.notify.Refusals;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * Discord channels ({@code discord:<channel id>}): each incident is one living embed.
 * <p>
 * The first delivery posts it with its buttons (mentions in the message text, so they ping);
 * every later one edits it in place, with the delivery's lines (what changed, member changes as
 * one digest) in the footer, and a change that mentions people (an escalation level) is also
 * sent as a reply to the alert, since an edit pings nobody. A message deleted in Discord is posted anew.
 * <p>
 * <b>Never twice.</b> Every post carries a nonce made from the delivery's attempt key, which
 * Discord enforces for a few minutes (the same nonce returns the message already posted). When
 * the worker repeats a delivery whose first try may have reached Discord
 * ({@link Delivery#resuming()}), each step is looked for first: the post among the bot's messages
 * since a minute before that try (by its embed title), the edit on the message itself (its title
 * and footer, which names the revision and the lines), the reply by what it answers and says; a
 * step found is not done again.
 * <p>
 * A call that meets a rate limit (JDA knows Discord's per-route buckets, and a 429's Retry-After)
 * is not waited out here, which would hold the delivery thread and every other channel: JDA
 * reports it ({@code complete(false)}) and it becomes a transient failure with that wait, so the
 * outbox holds this channel alone and keeps its order. A channel the bot cannot see or may not post in
 * (Unknown Channel, Missing Access, Missing Permissions, or not in JDA's cache) is reported once
 * through {@link Refusals} and parked for {@value Refusals#PARK_MINUTES} minutes at a time, so granting
 * the permission delivers the waiting alerts in order; a server error or a lost connection is
 * transient; any other refusal is permanent.
 */
public final class DiscordNotifier implements Notifier {

    private static final Set<ErrorResponse> CHANNEL = Set.of(ErrorResponse.UNKNOWN_CHANNEL,
            ErrorResponse.MISSING_ACCESS, ErrorResponse.MISSING_PERMISSIONS);
    private static final EnumSet<Message.MentionType> PINGS =
            EnumSet.of(Message.MentionType.USER, Message.MentionType.ROLE);

    private static final int PAGES = 5;
    /** How far before an earlier try a repeat looks for what it did: clocks differ. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(1);

    private final Supplier<JDA> jda;
    private final Refusals refusals;
    private final Clock clock;

    /** @param jda the connected bot; null while it is not connected yet */
    public DiscordNotifier(Supplier<JDA> jda, Refusals refusals, Clock clock) {
        this.jda = jda;
        this.refusals = refusals;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public String send(Delivery delivery) throws DeliveryException {
        OutboxMessage m = delivery.message();
        String channelId = delivery.destination();
        GuildMessageChannel channel = channel(channelId);
        String heading = Incident.id(m.incident()) + " · " + m.card().title();
        String change = String.join(" · ", delivery.lines());
        String footer = "revision " + m.revision() + (change.isBlank() ? "" : " · " + change);
        MessageEmbed embed = DiscordEmbeds.embed(heading, m.card(), footer, m.createdAt());
        String mentions = mentions(delivery.mentions());
        String ref = delivery.messageRef();
        try {
            if (ref != null) {
                try {
                    if (!(delivery.resuming() && shows(channel, ref, embed))) {
                        channel.editMessageEmbedsById(ref, embed).setComponents(DiscordEmbeds.buttons(m.card()))
                                .complete(false);
                    }
                    if (!mentions.isEmpty()) {
                        String reply = cut(DiscordEmbeds.escape(delivery.text()) + " " + mentions);
                        if (!(delivery.resuming() && recent(channel, delivery, x -> isReply(x, ref, reply)) != null)) {
                            channel.sendMessage(reply).setMessageReference(ref).failOnInvalidReply(false)
                                    .setAllowedMentions(PINGS).setNonce(nonce(delivery.attemptKey() + "/reply"))
                                    .complete(false);
                        }
                    }
                    refusals.clear(Refusals.channel(channelId));
                    return ref;
                } catch (ErrorResponseException e) {
                    if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                        throw e;
                    }
                }
            }
            String self = channel.getJDA().getSelfUser().getId();
            Message earlier = delivery.resuming() ? recent(channel, delivery, x -> x.getAuthor().getId().equals(self)
                    && x.getMessageReference() == null && !x.getEmbeds().isEmpty()
                    && Objects.equals(x.getEmbeds().get(0).getTitle(), embed.getTitle())) : null;
            if (earlier != null) {
                refusals.clear(Refusals.channel(channelId));
                return earlier.getId();
            }
            var post = channel.sendMessageEmbeds(embed).setComponents(DiscordEmbeds.buttons(m.card()))
                    .setAllowedMentions(PINGS).setNonce(nonce(delivery.attemptKey()));
            if (!mentions.isEmpty()) {
                post = post.setContent(mentions);
            }
            String id = post.complete(false).getId();
            refusals.clear(Refusals.channel(channelId));
            return id;
        } catch (ErrorResponseException e) {
            if (CHANNEL.contains(e.getErrorResponse())) {
                throw park(channelId, e.getMeaning());
            }
            if (e.isServerError()) {
                throw DeliveryException.transientFailure("discord: HTTP " + e.getResponse().code, null, null);
            }
            throw DeliveryException.permanentFailure("discord: " + e.getErrorCode() + " " + e.getMeaning(), null);
        } catch (RateLimitedException e) {
            throw DeliveryException.transientFailure("discord: rate limited on " + e.getRateLimitedRoute(),
                    Duration.ofMillis(e.getRetryAfter()), null);
        } catch (InsufficientPermissionException e) {
            throw park(channelId, "missing permission " + e.getPermission().getName());
        } catch (RuntimeException e) {
            throw DeliveryException.transientFailure("discord: " + e.getClass().getSimpleName(), null, e);
        }
    }

    /** True when message {@code ref} already shows {@code embed}'s title and footer: the edit was made. */
    private static boolean shows(GuildMessageChannel channel, String ref, MessageEmbed embed) throws RateLimitedException {
        Message now = channel.retrieveMessageById(ref).complete(false);
        return !now.getEmbeds().isEmpty() && Objects.equals(now.getEmbeds().get(0).getTitle(), embed.getTitle())
                && now.getEmbeds().get(0).getFooter() != null && embed.getFooter() != null
                && Objects.equals(now.getEmbeds().get(0).getFooter().getText(), embed.getFooter().getText());
    }

    private boolean isReply(Message x, String ref, String text) {
        return x.getAuthor().getId().equals(x.getJDA().getSelfUser().getId()) && x.getMessageReference() != null
                && ref.equals(x.getMessageReference().getMessageId()) && text.equals(x.getContentRaw());
    }

    /**
     * The first of the channel's messages since a minute before the earlier try of
     * {@code delivery} that {@code wanted} accepts, or null: at most {@value #PAGES} pages of 100.
     * Discord keeps no metadata; the bot's own messages are told apart by their embed's title
     * (the incident and its card) or, for a reply, what it replies to and says.
     */
    private static Message recent(GuildMessageChannel channel, Delivery delivery, Predicate<Message> wanted)
            throws RateLimitedException {
        long since = delivery.resumeFrom().minus(LOOK_BACK).toEpochMilli();
        MessageHistory history = channel.getHistoryAfter(TimeUtil.getDiscordTimestamp(since), 100).complete(false);
        List<Message> page = history.getRetrievedHistory();
        for (int i = 0; i < PAGES && !page.isEmpty(); i++) {
            for (Message x : page) {
                if (wanted.test(x)) {
                    return x;
                }
            }
            page = history.retrieveFuture(100).complete(false);
        }
        return null;
    }

    /**
     * A Discord nonce (at most 25 characters) for an attempt key: Discord returns the message
     * already posted with it, instead of posting another, for a few minutes ({@code enforce_nonce},
     * which JDA sets).
     */
    static String nonce(String attemptKey) {
        return Long.toUnsignedString(
                UUID.nameUUIDFromBytes(attemptKey.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits(), 36);
    }

    private GuildMessageChannel channel(String id) throws DeliveryException {
        JDA bot = jda.get();
        if (bot == null || bot.getStatus() != JDA.Status.CONNECTED) {
            throw DeliveryException.transientFailure("discord: not connected", null, null);
        }
        GuildMessageChannel channel = bot.getChannelById(GuildMessageChannel.class, id);
        if (channel == null) {
            throw park(id, "Unknown Channel");
        }
        return channel;
    }

    private DeliveryException park(String channelId, String error) {
        String hint = "check the channel id in rules/team.yaml or DISCORD_DEFAULT_CHANNEL, and that the bot "
                + "may view the channel, send messages and embed links there";
        return refusals.park(Refusals.channel(channelId), error, hint, "discord: " + error, clock.instant());
    }

    /** {@code discord:1} as {@code <@1>}, {@code discord-role:2} as {@code <@&2>}; others left out. */
    static String mentions(List<String> mentions) {
        List<String> out = new ArrayList<>();
        for (String m : mentions) {
            if (m.startsWith("discord:")) {
                out.add("<@" + m.substring("discord:".length()) + ">");
            } else if (m.startsWith("discord-role:")) {
                out.add("<@&" + m.substring("discord-role:".length()) + ">");
            }
        }
        return String.join(" ", out);
    }

    private static String cut(String text) {
        return DiscordEmbeds.cut(text.strip(), Message.MAX_CONTENT_LENGTH);
    }
}
