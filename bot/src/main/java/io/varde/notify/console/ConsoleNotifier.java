package io.varde.notify.console;

import io.varde.incident.Incident;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import io.varde.notify.Notifier;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints each delivery as a block of text, for example:
 * <pre>
 * 2026-11-13T09:02:11Z CRITICAL INC-3 r1 borger.dk is DOWN | opened
 *   Targets: borger-dk
 *   connect: connection refused
 *   [Acknowledge: ack INC-3]
 *   mentions: slack-group:S0LEADS
 * </pre>
 * The first line is when the message was queued (UTC, seconds), the severity, the incident and
 * its revision, the title and what changed; below it the card as {@link CardText} renders it, and
 * the mentions. A block is printed with one call, so blocks from different threads never
 * interleave. The console cannot edit what it printed: every delivery (the newest revision of an
 * incident, coalesced as for every channel, with the lines due after its header) is printed anew,
 * and the message ref is always {@code console:INC-<n>}.
 */
public final class ConsoleNotifier implements Notifier {

    private final PrintStream out;

    /** @param out standard output in production */
    public ConsoleNotifier(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String send(Delivery delivery) {
        out.print(format(delivery));
        out.flush();
        return "console:" + Incident.id(delivery.message().incident());
    }

    /** The block printed for one revision alone, ending with a line break. */
    public static String format(OutboxMessage m) {
        return format(new Delivery(m, "", null));
    }

    /**
     * The block printed for {@code d}: its newest card, with its lines (what changed, member
     * changes as one digest) after the header, ending with a line break.
     */
    public static String format(Delivery d) {
        OutboxMessage m = d.message();
        String change = String.join(" | ", d.lines());
        List<String> lines = new ArrayList<>();
        String header = m.createdAt().truncatedTo(ChronoUnit.SECONDS)
                + " " + String.format(Locale.ROOT, "%-8s", m.card().severity())
                + " " + Incident.id(m.incident()) + " r" + m.revision()
                + " " + CardText.oneLine(m.card().title());
        lines.add(change.isBlank() ? header : header + " | " + CardText.oneLine(change));
        lines.addAll(CardText.body(m.card()));
        if (!d.mentions().isEmpty()) {
            lines.add(CardText.INDENT + "mentions: " + String.join(" ", d.mentions()));
        }
        return String.join("\n", lines) + "\n";
    }
}
