package io.varde.notify.console;

import io.varde.core.Card;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text for a {@link Card}, for the console and for {@code varde ctl} replies:
 * <pre>
 * borger.dk is DOWN
 *   Targets: borger-dk
 *   connect: connection refused
 *   [Acknowledge: ack INC-3] [Mute 1h: mute INC-3 1h]
 * </pre>
 * The title, then each field as {@code name: value}, each line, and the buttons (label and the
 * command it runs, so a console user can type it) on one line, all indented by two spaces. Text
 * with line breaks stays indented on every line, so nothing can pose as a title.
 */
public final class CardText {

    static final String INDENT = "  ";

    private CardText() {
    }

    /** The card as text, lines separated by {@code \n}, without a final line break. */
    public static String render(Card card) {
        StringBuilder sb = new StringBuilder(oneLine(card.title()));
        for (String line : body(card)) {
            sb.append('\n').append(line);
        }
        return sb.toString();
    }

    /** Everything below the title, each line already indented. */
    static List<String> body(Card card) {
        List<String> out = new ArrayList<>();
        for (Card.Field f : card.fields()) {
            addIndented(out, f.name() + ": " + f.value());
        }
        for (String line : card.lines()) {
            addIndented(out, line);
        }
        if (!card.buttons().isEmpty()) {
            List<String> buttons = new ArrayList<>();
            for (Card.Button b : card.buttons()) {
                buttons.add("[" + oneLine(b.label()) + ": " + oneLine(b.command()) + "]");
            }
            out.add(INDENT + String.join(" ", buttons));
        }
        return out;
    }

    /** Adds {@code text} indented, each of its own lines too. */
    static void addIndented(List<String> out, String text) {
        for (String line : text.split("\\R", -1)) {
            out.add(INDENT + line);
        }
    }

    /** {@code text} with line breaks turned into spaces. */
    static String oneLine(String text) {
        return text.replaceAll("\\R", " ");
    }
}
