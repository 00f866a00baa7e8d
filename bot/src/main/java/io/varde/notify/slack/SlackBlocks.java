package io.varde.notify.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.varde.core.Card;
import io.varde.core.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for a {@link Card}, within Slack's limits. Pure.
 * <p>
 * A header (severity emoji and the heading, plain text, at most 150 characters), a section with
 * the card's fields side by side (at most 10, each at most 2,000 characters), the card's lines in
 * sections of at most 3,000 characters (at most {@value #LINE_SECTIONS}, then "+N more lines"),
 * a context line (severity, and what the caller adds) and one button per card button: action id
 * {@code varde-<i>}, value the command it runs. All text from users and sites is escaped
 * ({@code & < >}), so a target name cannot mention {@code @channel} or fake a link. Whatever is
 * cut says so.
 */
public final class SlackBlocks {

    /** Prefix of every button's action id; the Bolt app listens for it. */
    public static final String ACTION_PREFIX = "varde-";
    static final int HEADER_MAX = 150;
    static final int FIELDS_MAX = 10;
    static final int FIELD_MAX = 2000;
    static final int SECTION_MAX = 3000;
    static final int LINE_SECTIONS = 10;
    static final int BUTTON_TEXT_MAX = 75;
    static final int BUTTON_VALUE_MAX = 2000;
    static final int BUTTONS_MAX = 25;

    private SlackBlocks() {
    }

    /**
     * The blocks of {@code card} under {@code heading} (e.g. {@code INC-3 · borger.dk is DOWN}).
     *
     * @param footer extra context, e.g. {@code INC-3 · revision 4}; empty for none
     */
    public static List<LayoutBlock> of(String heading, Card card, String footer) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String head = emoji(card.severity()) + " " + oneLine(heading);
        blocks.add(header(h -> h.text(plainText(cut(head, HEADER_MAX), true))));
        if (!card.fields().isEmpty()) {
            List<TextObject> fields = new ArrayList<>();
            for (Card.Field f : card.fields()) {
                if (fields.size() == FIELDS_MAX) {
                    break;
                }
                fields.add(markdownText(cut("*" + escape(oneLine(f.name())) + "*\n" + escape(f.value()), FIELD_MAX)));
            }
            blocks.add(section(s -> s.fields(fields)));
        }
        addLines(blocks, card.lines());
        String context = card.severity().name() + (footer.isEmpty() ? "" : " · " + footer);
        blocks.add(context(List.of(markdownText(escape(context)))));
        if (!card.buttons().isEmpty()) {
            List<BlockElement> buttons = new ArrayList<>();
            for (int i = 0; i < card.buttons().size() && i < BUTTONS_MAX; i++) {
                Card.Button b = card.buttons().get(i);
                String id = ACTION_PREFIX + i;
                buttons.add(button(x -> {
                    x.actionId(id).text(plainText(cut(oneLine(b.label()), BUTTON_TEXT_MAX), true))
                            .value(cut(b.command(), BUTTON_VALUE_MAX));
                    return switch (b.style()) {
                        case PRIMARY -> x.style("primary");
                        case DANGER -> x.style("danger");
                        case DEFAULT -> x;
                    };
                }));
            }
            blocks.add(actions(buttons));
        }
        return blocks;
    }

    /** The notification text shown where blocks are not (push notifications, search). */
    public static String fallback(String heading, Card card) {
        return escape(card.severity().name() + ": " + oneLine(heading));
    }

    /** Lines joined into sections of at most {@link #SECTION_MAX} characters. */
    private static void addLines(List<LayoutBlock> blocks, List<String> lines) {
        StringBuilder current = new StringBuilder();
        int sections = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = escape(lines.get(i));
            if (current.length() > 0 && current.length() + 1 + line.length() > SECTION_MAX) {
                if (++sections == LINE_SECTIONS) {
                    addSection(blocks, current + "\n_+" + (lines.size() - i) + " more lines_");
                    return;
                }
                addSection(blocks, current.toString());
                current.setLength(0);
            }
            current.append(current.length() == 0 ? "" : "\n").append(line);
        }
        if (current.length() > 0) {
            addSection(blocks, current.toString());
        }
    }

    private static void addSection(List<LayoutBlock> blocks, String text) {
        blocks.add(section(s -> s.text(markdownText(cut(text, SECTION_MAX)))));
    }

    /** Escapes the three characters Slack's mrkdwn treats as control characters. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":large_orange_circle:";
            case INFO -> ":large_blue_circle:";
            case RESOLVED -> ":white_check_mark:";
        };
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\R", " ");
    }

    /** {@code text} cut to {@code max} characters, ending with an ellipsis when cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
