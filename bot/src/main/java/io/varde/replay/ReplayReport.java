package io.varde.replay;

import io.varde.core.Durations;
import io.varde.incident.AffectedTarget;
import io.varde.incident.Evidence;
import io.varde.incident.Incident;
import io.varde.incident.IncidentCards;
import io.varde.incident.IncidentKind;
import io.varde.incident.OutboxMessage;
import io.varde.notify.console.ConsoleNotifier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text of a replay, for standard output: a heading, every alert as the console notifier
 * prints it (its simulated time first; a message for another channel than the console says
 * where it would go), then a summary of every incident: id, kind, state, title, targets, when it
 * opened and resolved, and its evidence. Pure but for the stream it writes to.
 */
public final class ReplayReport {

    private static final String INDENT = "  ";

    private ReplayReport() {
    }

    /** Prints {@code result} to {@code out}. */
    public static void print(ReplayResult result, PrintStream out) {
        out.print(text(result));
        out.flush();
    }

    /** The whole report, lines ending with {@code \n}. */
    public static String text(ReplayResult result) {
        Scenario s = result.scenario();
        StringBuilder sb = new StringBuilder();
        sb.append("Replay: ").append(oneLine(s.name())).append('\n');
        sb.append(INDENT).append(s.start()).append(" to ").append(s.end()).append(": ")
                .append(count(s.steps().size(), "step")).append(", ")
                .append(count(result.targets(), "target")).append(", ")
                .append(count(result.checks(), "simulated check")).append('\n');
        sb.append('\n').append("Alerts (").append(result.alerts().size()).append(")\n");
        for (OutboxMessage m : result.alerts()) {
            sb.append(alert(m));
        }
        long open = result.incidents().stream().filter(i -> !i.resolved()).count();
        sb.append('\n').append("Incidents (").append(result.incidents().size()).append(", ")
                .append(open).append(" not resolved at the end)\n");
        for (Incident i : result.incidents()) {
            incident(i).forEach(line -> sb.append(line).append('\n'));
        }
        return sb.toString();
    }

    /** One alert as the console prints it; the channel is named when it is not the console. */
    static String alert(OutboxMessage m) {
        String block = ConsoleNotifier.format(m);
        return m.channel().equals("console") ? block : block + INDENT + "to: " + m.channel() + "\n";
    }

    /** {@code INC-3 CAMPAIGN RESOLVED: title}, then targets, times and evidence, indented. */
    static List<String> incident(Incident i) {
        List<String> lines = new ArrayList<>();
        lines.add(i.id() + " " + i.kind() + " " + i.state() + ": " + oneLine(i.title()));
        lines.add(INDENT + "targets: " + i.targets().stream().map(t -> target(i.kind(), t))
                .collect(Collectors.joining(", ")));
        String times = INDENT + "opened " + IncidentCards.time(i.openedAt());
        if (i.resolvedAt() != null) {
            times += ", resolved " + IncidentCards.time(i.resolvedAt()) + " after "
                    + Durations.format(Duration.between(i.openedAt(), i.resolvedAt()).withNanos(0));
        }
        lines.add(times);
        for (Evidence e : i.evidence()) {
            lines.add(INDENT + e.ref() + ": " + oneLine(e.text()));
        }
        return lines;
    }

    /** {@code aarhus-dk (up)}; on a notice, what it says of the target: tasked, or claimed. */
    private static String target(IncidentKind kind, AffectedTarget t) {
        String state = switch (kind) {
            case TASKED -> t.recovered() ? "no longer tasked" : "tasked";
            case CLAIMED_NOT_OBSERVED -> "claimed, up";
            default -> t.state().toString().toLowerCase(Locale.ROOT);
        };
        return t.targetId() + " (" + state + ")";
    }

    private static String count(long n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\R", " ");
    }
}
