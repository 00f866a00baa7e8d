package io.varde.chat.discord;

import io.varde.core.Threads;
import io.varde.command.CommandRequest;
import io.varde.command.Reply;
import io.varde.incident.Actor;
import io.varde.notify.discord.DiscordEmbeds;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDA listener: registers {@code /varde} when ready (for the guild of
 * {@code DISCORD_GUILD_ID}, where it appears at once, or globally), and turns slash commands and
 * button clicks into {@link CommandRequest}s for the command layer, with the member's roles for
 * role mapping ({@code discord-role:<id>} in the team file).
 * <p>
 * A slash command is answered directly when the command finishes within 2 s (Discord allows 3):
 * ephemerally for queries, errors and refusals, in the channel for actions; otherwise the answer
 * is deferred, ephemerally, and follows. A button click is deferred at once and answered to the
 * clicker only; the alert itself changes through the outbox. Commands run on a worker, never on
 * JDA's event thread.
 */
final class DiscordListener extends ListenerAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordListener.class);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private final String guildId;
    private final Function<CommandRequest, Reply> commands;
    private final Completions completions;
    private final Clock clock;
    /** Commands and the waits on them; people type at human speed, so a cached pool is bounded enough. */
    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("varde-discord-command"));

    DiscordListener(String guildId, Function<CommandRequest, Reply> commands, Completions completions, Clock clock) {
        this.guildId = guildId;
        this.commands = commands;
        this.completions = completions;
        this.clock = clock;
    }

    @Override
    public void onReady(ReadyEvent event) {
        if (guildId == null) {
            event.getJDA().updateCommands().addCommands(SlashCommands.data()).queue(
                    ok -> LOG.info("event=discord_commands_registered scope=global"),
                    e -> LOG.warn("event=discord_commands_refused scope=global error=\"{}\"", e.getMessage()));
            return;
        }
        Guild guild = event.getJDA().getGuildById(guildId);
        if (guild == null) {
            LOG.warn("event=discord_guild_unknown guild={} hint=\"invite the bot to the server of DISCORD_GUILD_ID "
                    + "(OAuth2 URL with the bot and applications.commands scopes)\"", guildId);
            return;
        }
        guild.updateCommands().addCommands(SlashCommands.data()).queue(
                ok -> LOG.info("event=discord_commands_registered scope=guild guild={}", guildId),
                e -> LOG.warn("event=discord_commands_refused guild={} error=\"{}\"", guildId, e.getMessage()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!event.getName().equals(SlashCommands.NAME) || event.getSubcommandName() == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            values.put(o.getName(), o.getAsString());
        }
        CommandRequest request = request(event.getUser().getId(), event.getUser().getName(), event.getMember(),
                SlashCommands.words(event.getSubcommandName(), values));
        workers.execute(() -> {
            CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> run(request), workers);
            try {
                Reply reply = answer.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                event.replyEmbeds(embed(reply)).setEphemeral(reply.visibility() == Reply.Visibility.CALLER)
                        .queue(null, e -> failed("reply", e));
            } catch (TimeoutException e) {
                event.deferReply(true).queue(null, x -> failed("defer", x));
                answer.thenAccept(reply -> event.getHook().sendMessageEmbeds(embed(reply)).setEphemeral(true)
                        .queue(null, x -> failed("follow-up", x)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                event.replyEmbeds(embed(Reply.failed())).setEphemeral(true).queue(null, x -> failed("reply", x));
            }
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String id = event.getComponentId();
        if (!id.startsWith(DiscordEmbeds.BUTTON_PREFIX)) {
            return;
        }
        CommandRequest request = request(event.getUser().getId(), event.getUser().getName(), event.getMember(),
                id.substring(DiscordEmbeds.BUTTON_PREFIX.length()));
        event.deferReply(true).queue(null, e -> failed("defer", e));
        CompletableFuture.supplyAsync(() -> run(request), workers).thenAccept(reply -> event.getHook()
                .sendMessageEmbeds(embed(reply)).setEphemeral(true).queue(null, e -> failed("follow-up", e)));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (!event.getName().equals(SlashCommands.NAME)) {
            return;
        }
        List<Command.Choice> choices = completions.complete(event.getFocusedOption().getName(),
                        event.getFocusedOption().getValue()).stream()
                .map(c -> new Command.Choice(c.name(), c.value())).toList();
        event.replyChoices(choices).queue(null, e -> failed("autocomplete", e));
    }

    private static CommandRequest request(String userId, String userName, Member member, String words) {
        List<String> roles = member == null ? List.of() : member.getRoles().stream().map(ISnowflake::getId).toList();
        return new CommandRequest(new Actor("discord", userId, userName), roles, words);
    }

    private Reply run(CommandRequest request) {
        try {
            return commands.apply(request);
        } catch (RuntimeException e) {
            LOG.error("event=discord_command_failed user={} error=\"{}\"", request.actor().id(), e.toString(), e);
            return Reply.failed();
        }
    }

    private MessageEmbed embed(Reply reply) {
        return DiscordEmbeds.embed(reply.card().title(), reply.card(), "", clock.instant());
    }

    private static void failed(String what, Throwable e) {
        LOG.warn("event=discord_answer_failed step={} error=\"{}\"", what, e.getMessage());
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
