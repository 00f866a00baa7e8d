package io.varde.testing;

import static io.varde.testing.FakeDiscord.CHANNEL_ID;
import static io.varde.testing.FakeDiscord.GUILD_ID;
import static io.varde.testing.FakeDiscord.LEAD_ROLE;
import static io.varde.testing.FakeDiscord.LEAD_USER;
import static io.varde.testing.FakeDiscord.RESPONDER_ROLE;
import static io.varde.testing.FakeDiscord.RESPONDER_USER;
import static io.varde.testing.FakeDiscord.VIEWER_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.varde.testing.FakeDiscord.Call;
import io.varde.testing.FakeDiscord.Message;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real JDA 6.2 against {@link FakeDiscord}: it connects, posts, edits, registers commands and answers interactions. */
class FakeDiscordTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();
    private FakeDiscord fake;
    private JDA jda;

    @BeforeEach
    void start() throws InterruptedException {
        fake = FakeDiscord.start(FakeTokens.DISCORD);
        jda = fake.configure(JDABuilder.createLight(FakeTokens.DISCORD)).addEventListeners(new Listener()).build();
        jda.awaitReady();
    }

    @AfterEach
    void stop() throws Exception {
        // the fake records a call before JDA has read its answer: let every answer finish first
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        jda.shutdownNow();
        jda.awaitShutdown(Duration.ofSeconds(10));
        fake.close();
    }

    @Test
    void jdaIsReadyWithTheGuildItsChannelRolesAndMembers() {
        Guild guild = jda.getGuildById(GUILD_ID);
        assertThat(guild).isNotNull();
        assertThat(guild.getTextChannelById(CHANNEL_ID)).isNotNull()
                .satisfies(c -> assertThat(c.getName()).isEqualTo("alerts"));
        assertThat(guild.getRoles()).extracting(Role::getId).contains(LEAD_ROLE, RESPONDER_ROLE, GUILD_ID);
        assertThat(guild.getSelfMember().isOwner()).isTrue();
        assertThat(guild.getMemberCount()).isEqualTo(4);
        assertThat(jda.getSelfUser().getId()).isEqualTo(FakeDiscord.BOT_ID);
        assertThat(fake.awaitGatewayFrame(f -> f.path("op").asInt() == 1, WAIT)).isNotNull();
        assertThat(fake.sessions()).isEqualTo(1);
    }

    @Test
    void aWrongTokenIsRefusedAtLogin() {
        assertThatThrownBy(() -> fake.configure(JDABuilder.createLight(FakeTokens.DISCORD + "-wrong")).build())
                .isInstanceOf(InvalidTokenException.class);
        assertThat(fake.calls()).last().extracting(Call::status).isEqualTo(401);
    }

    @Test
    void anAlertEmbedWithAButtonIsPostedAndEditedInPlace() {
        TextChannel channel = jda.getTextChannelById(CHANNEL_ID);
        net.dv8tion.jda.api.entities.Message sent = channel.sendMessageEmbeds(embed("DOWN example.org", Color.RED))
                .setComponents(ActionRow.of(Button.primary("varde:ack INC-1", "Acknowledge"))).complete();

        assertThat(sent.getEmbeds()).singleElement().extracting(MessageEmbed::getTitle).isEqualTo("DOWN example.org");
        assertThat(sent.getComponentTree().findAll(Button.class)).singleElement().extracting(Button::getCustomId).isEqualTo("varde:ack INC-1");
        Message posted = fake.messages(CHANNEL_ID).get(0);
        assertThat(posted.id()).isEqualTo(sent.getId());
        assertThat(posted.embeds().get(0).path("color").asInt()).isEqualTo(Color.RED.getRGB() & 0xFFFFFF);
        assertThat(posted.components().get(0).path("components").get(0).path("label").asText())
                .isEqualTo("Acknowledge");

        channel.editMessageEmbedsById(sent.getId(), embed("RESOLVED example.org", Color.GREEN)).complete();

        assertThat(fake.messages(CHANNEL_ID)).singleElement().satisfies(m -> {
            assertThat(m.embeds().get(0).path("title").asText()).isEqualTo("RESOLVED example.org");
            assertThat(m.edits()).isEqualTo(1);
        });
    }

    @Test
    void moreTextChannelsAreInTheGuildAndKeepTheirOwnMessages() throws InterruptedException {
        String more = "1300000000000000201";
        try (FakeDiscord two = FakeDiscord.start(FakeTokens.DISCORD, java.time.Clock.systemUTC(), List.of(more))) {
            JDA bot = two.configure(JDABuilder.createLight(FakeTokens.DISCORD)).build();
            try {
                bot.awaitReady();
                assertThat(bot.getGuildById(GUILD_ID).getTextChannels()).extracting(TextChannel::getId)
                        .containsExactly(CHANNEL_ID, more);

                bot.getTextChannelById(more).sendMessage("DOWN example.org").complete();

                assertThat(two.messages(more)).singleElement().extracting(Message::content).isEqualTo("DOWN example.org");
                assertThat(two.messages(CHANNEL_ID)).isEmpty();
            } finally {
                bot.shutdownNow();
                bot.awaitShutdown(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aRateLimitedPostIsRetriedByJdaAndArrives() {
        fake.rateLimitNext("POST channels/\\d+/messages", 1.0);

        jda.getTextChannelById(CHANNEL_ID).sendMessageEmbeds(embed("DOWN example.org", Color.RED)).complete();

        assertThat(fake.messages(CHANNEL_ID)).hasSize(1);
        assertThat(fake.calls()).filteredOn(c -> c.path().endsWith("/messages")).extracting(Call::status)
                .containsExactly(429, 200);
    }

    @Test
    void aChannelWithoutAccessAndADeletedMessageAreDiscordsErrors() {
        TextChannel channel = jda.getTextChannelById(CHANNEL_ID);
        String id = channel.sendMessage("DOWN example.org").complete().getId();
        fake.deleteMessage(CHANNEL_ID, id);

        assertThatThrownBy(() -> channel.editMessageById(id, "UP example.org").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
        fake.missingAccess(CHANNEL_ID);
        assertThatThrownBy(() -> channel.sendMessage("DOWN example.org").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_ACCESS));
    }

    @Test
    void theBotReadsAMessageBackAndDeletesIt() {
        TextChannel channel = jda.getTextChannelById(CHANNEL_ID);
        String id = channel.sendMessage("DOWN <@&" + LEAD_ROLE + ">").complete().getId();

        net.dv8tion.jda.api.entities.Message read = channel.retrieveMessageById(id).complete();
        assertThat(read.getContentRaw()).isEqualTo("DOWN <@&" + LEAD_ROLE + ">");
        assertThat(read.getMentions().getRoles()).extracting(Role::getId).containsExactly(LEAD_ROLE);
        channel.deleteMessageById(id).complete();

        assertThat(fake.messages(CHANNEL_ID)).isEmpty();
    }

    @Test
    void guildCommandsAreRegisteredWithTheirSubcommands() {
        List<Command> commands = jda.getGuildById(GUILD_ID).updateCommands().addCommands(Commands.slash("varde", "Varde")
                .addSubcommands(new SubcommandData("status", "Target states"), new SubcommandData("ack", "Acknowledge")
                        .addOption(OptionType.STRING, "incident", "Incident id", true, true))).complete();

        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("varde");
            assertThat(c.getSubcommands()).extracting(Command.Subcommand::getName).containsExactly("status", "ack");
        });
        assertThat(fake.registeredCommands()).singleElement().satisfies(c -> {
            assertThat(c.path("guild_id").asText()).isEqualTo(GUILD_ID);
            assertThat(c.path("id").asText()).isEqualTo(commands.get(0).getId());
            assertThat(c.path("options").get(1).path("options").get(0).path("autocomplete").asBoolean()).isTrue();
        });
    }

    @Test
    void aSlashCommandReachesTheListenerWithTheMembersRolesAndGetsAnEphemeralReply() {
        String id = fake.slashCommand(LEAD_USER, "ack", Map.of("incident", "INC-1"));

        JsonNode callback = fake.awaitCallback(id, WAIT);
        assertThat(callback.path("type").asInt()).isEqualTo(4);
        assertThat(callback.path("data").path("content").asText()).isEqualTo("pong");
        assertThat(callback.path("data").path("flags").asInt()).isEqualTo(64);
        assertThat(seen).containsExactly("slash ack incident=INC-1 by " + LEAD_USER + " roles=[" + LEAD_ROLE + "]");
        assertThat(fake.original(id)).hasValueSatisfying(m -> assertThat(m.path("content").asText()).isEqualTo("pong"));
    }

    @Test
    void aDeferredReplyIsCompletedByEditingTheOriginalAndFollowedUp() {
        String id = fake.slashCommand(VIEWER_USER, "incidents", Map.of());

        assertThat(fake.awaitCallback(id, WAIT).path("type").asInt()).isEqualTo(5);
        JsonNode original = fake.awaitOriginal(id, m -> m.path("content").asText().equals("2 open"), WAIT);
        assertThat(original.path("flags").asInt() & 64).isEqualTo(64);
        fake.awaitCall(c -> c.method().equals("POST") && c.path().startsWith("webhooks/"), WAIT);
        assertThat(fake.followups(id)).singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("INC-1, INC-2"));
        assertThat(seen).containsExactly("slash incidents incident= by " + VIEWER_USER + " roles=[]");
    }

    @Test
    void aButtonClickReachesTheListenerAndIsAcknowledgedAsADeferredEdit() {
        String messageId = postAlert();

        String id = fake.buttonClick(RESPONDER_USER, messageId, "varde:ack INC-1");

        assertThat(fake.awaitCallback(id, WAIT).path("type").asInt()).isEqualTo(6);
        assertThat(seen).containsExactly("button varde:ack INC-1 on " + messageId + " by " + RESPONDER_USER);
    }

    @Test
    void aButtonClickAnsweredWithAnUpdateEditsTheMessageItWasOn() {
        String messageId = postAlert();

        String id = fake.buttonClick(VIEWER_USER, messageId, "varde:mute INC-1");

        assertThat(fake.awaitCallback(id, WAIT).path("type").asInt()).isEqualTo(7);
        Message edited = fake.awaitMessage(CHANNEL_ID, m -> m.edits() == 1, WAIT);
        assertThat(edited.embeds().get(0).path("title").asText()).isEqualTo("MUTED example.org");
    }

    @Test
    void anAutocompleteReachesTheListenerAndItsChoicesComeBack() {
        String id = fake.autocomplete(RESPONDER_USER, "ack", Map.of("incident", "INC"), "incident");

        JsonNode callback = fake.awaitCallback(id, WAIT);
        assertThat(callback.path("type").asInt()).isEqualTo(8);
        assertThat(callback.path("data").path("choices")).singleElement()
                .satisfies(c -> assertThat(c.path("value").asText()).isEqualTo("INC-1"));
        assertThat(seen).containsExactly("autocomplete incident=INC");
    }

    private String postAlert() {
        return jda.getTextChannelById(CHANNEL_ID).sendMessageEmbeds(embed("DOWN example.org", Color.RED))
                .setComponents(ActionRow.of(Button.primary("varde:ack INC-1", "Acknowledge"),
                        Button.secondary("varde:mute INC-1", "Mute 1h")))
                .complete().getId();
    }

    private static MessageEmbed embed(String title, Color color) {
        return new EmbedBuilder().setTitle(title).setColor(color).addField("Target", "example.org", true).build();
    }

    /** Records what reached JDA's listener, and answers as the bot would. */
    private final class Listener extends ListenerAdapter {

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            OptionMapping incident = event.getOption("incident");
            seen.add("slash " + event.getSubcommandName() + " incident=" + (incident == null ? "" : incident.getAsString())
                    + " by " + event.getUser().getId() + " roles="
                    + event.getMember().getRoles().stream().map(Role::getId).toList());
            if (event.getSubcommandName().equals("incidents")) {
                answers.add(event.deferReply(true).submit().thenCompose(hook -> hook.editOriginal("2 open").submit()
                        .thenCompose(done -> hook.sendMessage("INC-1, INC-2").submit())));
                return;
            }
            answers.add(event.reply("pong").setEphemeral(true).submit());
        }

        @Override
        public void onButtonInteraction(ButtonInteractionEvent event) {
            if (event.getComponentId().startsWith("varde:mute")) {
                answers.add(event.editMessageEmbeds(embed("MUTED example.org", Color.GRAY)).submit());
                return;
            }
            seen.add("button " + event.getComponentId() + " on " + event.getMessage().getId() + " by "
                    + event.getUser().getId());
            answers.add(event.deferEdit().submit());
        }

        @Override
        public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
            seen.add("autocomplete " + event.getFocusedOption().getName() + "=" + event.getFocusedOption().getValue());
            answers.add(event.replyChoices(new Command.Choice("INC-1", "INC-1")).submit());
        }
    }
}
