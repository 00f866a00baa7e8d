package io.varde.core;

import java.util.List;
import java.util.Objects;

/**
 * A platform-neutral message: what an alert or a command reply says, before a renderer turns it
 * into console text, Slack Block Kit or a Discord embed.
 *
 * @param title    one line, the gist
 * @param severity colour and urgency
 * @param fields   short name/value pairs shown side by side where the platform can
 * @param lines    body text, one item per line
 * @param buttons  actions; each runs a command of the command layer
 */
public record Card(String title, Severity severity, List<Field> fields, List<String> lines,
                   List<Button> buttons) {

    public Card {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        fields = List.copyOf(fields);
        lines = List.copyOf(lines);
        buttons = List.copyOf(buttons);
    }

    /** A card with only a title and lines. */
    public static Card of(String title, Severity severity, List<String> lines) {
        return new Card(title, severity, List.of(), lines, List.of());
    }

    /** A short name/value pair, e.g. {@code Targets: borger-dk, trm-dk}. */
    public record Field(String name, String value) {

        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An action button.
     *
     * @param label   what the button says, e.g. {@code Acknowledge}
     * @param command the command words it runs, e.g. {@code ack INC-3}
     * @param style   how it looks
     */
    public record Button(String label, String command, Style style) {

        public Button {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(style, "style");
        }
    }

    /** Button looks every platform has. */
    public enum Style { DEFAULT, PRIMARY, DANGER }
}
