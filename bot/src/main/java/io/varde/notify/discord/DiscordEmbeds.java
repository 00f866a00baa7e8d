package io.varde.notify.discord;

import io.varde.core.Card;
import io.varde.core.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;

/**
 * A {@link Card} as a Discord embed and buttons, within Discord's limits. Pure.
 * <p>
 * The embed: title (severity word and heading, at most 256 characters), the severity's colour,
 * the card's fields inline (at most 25; names 256, values 1,024 characters), its lines as the
 * description (at most 4,096 characters, ending "+N more lines" when cut), a footer and a
 * timestamp; the whole embed stays within 6,000 characters. Text from users and sites has its
 * markdown escaped. Buttons: one per card button, custom id {@code varde:<command>} (at most
 * 100 characters), five to a row. Whatever is cut says so.
 */
public final class DiscordEmbeds {

    /** Prefix of every button's custom id; the JDA listener strips it to get the command. */
    public static final String BUTTON_PREFIX = "varde:";
    static final int TITLE_MAX = MessageEmbed.TITLE_MAX_LENGTH;
    static final int FIELDS_MAX = 25;
    static final int FIELD_NAME_MAX = MessageEmbed.TITLE_MAX_LENGTH;
    static final int FIELD_VALUE_MAX = MessageEmbed.VALUE_MAX_LENGTH;
    static final int DESCRIPTION_MAX = MessageEmbed.DESCRIPTION_MAX_LENGTH;
    static final int TOTAL_MAX = MessageEmbed.EMBED_MAX_LENGTH_BOT;
    static final int CUSTOM_ID_MAX = 100;
    static final int LABEL_MAX = 80;
    static final int PER_ROW = 5;
    /** Room kept for the description when fields are many: at least a few lines and the count. */
    static final int LINES_RESERVE = 500;

    private DiscordEmbeds() {
    }

    /**
     * The embed of {@code card} under {@code heading} (e.g. {@code INC-3 · borger.dk is DOWN}).
     *
     * @param footer e.g. {@code revision 4 · acknowledged by lea (slack)}; empty for none
     * @param at     the embed's timestamp
     */
    public static MessageEmbed embed(String heading, Card card, String footer, Instant at) {
        EmbedBuilder b = new EmbedBuilder()
                .setTitle(cut(card.severity().name() + " · " + oneLine(heading), TITLE_MAX))
                .setColor(color(card.severity()))
                .setTimestamp(at);
        int used = b.length() + Math.min(footer.length(), MessageEmbed.TEXT_MAX_LENGTH);
        int room = TOTAL_MAX - (card.lines().isEmpty() ? 0 : LINES_RESERVE);
        int dropped = 0;
        for (Card.Field f : card.fields()) {
            String name = cut(oneLine(f.name()), FIELD_NAME_MAX);
            String value = cut(escape(f.value()), FIELD_VALUE_MAX);
            if (value.isBlank()) {
                continue;
            }
            if (b.getFields().size() == FIELDS_MAX || used + name.length() + value.length() > room) {
                dropped++;
                continue;
            }
            used += name.length() + value.length();
            b.addField(name, value, true);
        }
        List<String> lines = new ArrayList<>(card.lines());
        if (dropped > 0) {
            lines.add(0, "+" + dropped + " more fields not shown");
        }
        b.setDescription(description(lines, Math.min(DESCRIPTION_MAX, TOTAL_MAX - used)));
        if (!footer.isEmpty()) {
            b.setFooter(cut(oneLine(footer), MessageEmbed.TEXT_MAX_LENGTH));
        }
        return b.build();
    }

    /** The card's buttons, five to a row; none for a card without buttons. */
    public static List<ActionRow> buttons(Card card) {
        List<Button> buttons = new ArrayList<>();
        for (Card.Button c : card.buttons()) {
            String id = BUTTON_PREFIX + c.command();
            if (id.length() > CUSTOM_ID_MAX) {
                continue;
            }
            String label = cut(oneLine(c.label()), LABEL_MAX);
            buttons.add(switch (c.style()) {
                case PRIMARY -> Button.primary(id, label);
                case DANGER -> Button.danger(id, label);
                case DEFAULT -> Button.secondary(id, label);
            });
        }
        List<ActionRow> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i += PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + PER_ROW))));
        }
        return rows;
    }

    /** The lines, one per line, within {@code max} characters, saying how many were left out. */
    static String description(List<String> lines, int max) {
        if (max <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = escape(oneLine(lines.get(i)));
            String more = "\n*+" + (lines.size() - i) + " more lines*";
            if (sb.length() + 1 + line.length() + more.length() > max) {
                return sb.length() + more.length() <= max ? sb + more : cut(sb.toString(), max);
            }
            sb.append(sb.length() == 0 ? "" : "\n").append(line);
        }
        return sb.toString();
    }

    /** Red, orange, blue, green. */
    static int color(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 0xD93025;
            case WARNING -> 0xF29900;
            case INFO -> 0x1A73E8;
            case RESOLVED -> 0x188038;
        };
    }

    static String escape(String text) {
        return MarkdownSanitizer.escape(text);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\R", " ");
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
