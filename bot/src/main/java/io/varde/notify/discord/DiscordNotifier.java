package io.varde.notify.discord;

import io.varde.incident.Incident;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import io.varde.notify.Notifier;
import io.varde.notify.Refusals;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Discord channels ({@code discord:<channel id>}): each incident is one living embed.
 * <p>
 * The first delivery posts it with its buttons (mentions in the message text, so they ping);
 * every later one edits it in place, with the delivery's lines (what changed, member changes as
 * one digest) in the footer, and a change that mentions people (an escalation level) is also
 * sent as a reply to the alert, since an edit pings nobody. A message deleted in Discord is posted anew.
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
                    channel.editMessageEmbedsById(ref, embed).setComponents(DiscordEmbeds.buttons(m.card())).complete(false);
                    if (!mentions.isEmpty()) {
                        channel.sendMessage(cut(DiscordEmbeds.escape(delivery.text()) + " " + mentions))
                                .setMessageReference(ref).failOnInvalidReply(false)
                                .setAllowedMentions(PINGS).complete(false);
                    }
                    refusals.clear(Refusals.channel(channelId));
                    return ref;
                } catch (ErrorResponseException e) {
                    if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                        throw e;
                    }
                }
            }
            var post = channel.sendMessageEmbeds(embed).setComponents(DiscordEmbeds.buttons(m.card()))
                    .setAllowedMentions(PINGS);
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
