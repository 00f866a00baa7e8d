package io.varde.notify.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

/** Cards as Discord embeds and buttons: what responders see, within Discord's limits, cut visibly. */
class DiscordEmbedsTest {

    private static final Instant AT = Instant.parse("2025-11-13T08:00:00Z");

    static Card down() {
        return new Card("borger.dk is DOWN", Severity.CRITICAL,
                List.of(new Card.Field("State", "Open"), new Card.Field("Targets", "borger-dk")),
                List.of("borger.dk (borger-dk): DOWN since 2025-11-13 08:00 UTC, [STATUS] == 200 (observed 503)",
                        "C-4: claimed by *NoName057(16)* @everyone"),
                List.of(new Card.Button("Acknowledge", "ack INC-3", Card.Style.PRIMARY),
                        new Card.Button("Mute 1h", "mute INC-3 1h", Card.Style.DEFAULT),
                        new Card.Button("Escalate", "escalate INC-3", Card.Style.DANGER)));
    }

    @Test
    void anAlertIsAnEmbedInItsSeverityColourWithFieldsLinesAndButtons() {
        MessageEmbed e = DiscordEmbeds.embed("INC-3 · borger.dk is DOWN", down(), "revision 1", AT);

        assertThat(e.getTitle()).isEqualTo("CRITICAL · INC-3 · borger.dk is DOWN");
        assertThat(e.getColorRaw()).isEqualTo(0xD93025);
        assertThat(e.getFields()).extracting(MessageEmbed.Field::getName, MessageEmbed.Field::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("State", "Open"),
                        org.assertj.core.groups.Tuple.tuple("Targets", "borger-dk"));
        assertThat(e.getDescription()).contains("[STATUS] == 200 (observed 503)").contains("\\*NoName057(16)\\*");
        assertThat(e.getFooter().getText()).isEqualTo("revision 1");
        assertThat(e.getTimestamp().toInstant()).isEqualTo(AT);

        List<ActionRow> rows = DiscordEmbeds.buttons(down());
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.getButtons())
                .extracting(Button::getCustomId, Button::getLabel, Button::getStyle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("varde:ack INC-3", "Acknowledge", ButtonStyle.PRIMARY),
                        org.assertj.core.groups.Tuple.tuple("varde:mute INC-3 1h", "Mute 1h", ButtonStyle.SECONDARY),
                        org.assertj.core.groups.Tuple.tuple("varde:escalate INC-3", "Escalate", ButtonStyle.DANGER)));
    }

    @Test
    void aResolvedIncidentIsGreenWithoutButtons() {
        Card resolved = new Card("borger.dk is DOWN", Severity.RESOLVED,
                List.of(new Card.Field("State", "Resolved at 2025-11-13 08:10 UTC after 10m")), List.of(), List.of());

        assertThat(DiscordEmbeds.embed("INC-3 · borger.dk is DOWN", resolved, "", AT).getColorRaw()).isEqualTo(0x188038);
        assertThat(DiscordEmbeds.buttons(resolved)).isEmpty();
    }

    @Test
    void aHugeCardStaysWithinDiscordsLimitsAndSaysWhatWasCut() {
        List<String> lines = new ArrayList<>();
        List<Card.Field> fields = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add("kommune-" + i + ".dk: DOWN since 2025-11-13 08:00 UTC, connect: connection refused");
        }
        for (int i = 0; i < 40; i++) {
            fields.add(new Card.Field("Field " + i, "v".repeat(2000)));
        }
        Card huge = new Card("x".repeat(400), Severity.WARNING, fields, lines, List.of());

        MessageEmbed e = DiscordEmbeds.embed("INC-9 · " + "x".repeat(400), huge, "revision 2", AT);

        assertThat(e.getTitle()).hasSize(256).endsWith("…");
        assertThat(e.getFields()).hasSizeLessThanOrEqualTo(25).allSatisfy(f -> assertThat(f.getValue().length()).isLessThanOrEqualTo(1024));
        assertThat(e.getLength()).isLessThanOrEqualTo(6000);
        assertThat(e.isSendable()).isTrue();
    }

    @Test
    void manyLinesAreCutWithTheirCount() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add("kommune-" + i + ".dk: DOWN");
        }

        String d = DiscordEmbeds.embed("INC-9 · wave", Card.of("wave", Severity.WARNING, lines), "", AT).getDescription();

        assertThat(d.length()).isLessThanOrEqualTo(4096);
        assertThat(d).startsWith("kommune-0.dk: DOWN").containsPattern("\\*\\+\\d+ more lines\\*$");
    }

    @Test
    void mentionsBecomeDiscordMentions() {
        assertThat(DiscordNotifier.mentions(List.of("discord:123456789012345678", "discord-role:222222222222222222",
                "slack-group:S0LEADS"))).isEqualTo("<@123456789012345678> <@&222222222222222222>");
    }
}
