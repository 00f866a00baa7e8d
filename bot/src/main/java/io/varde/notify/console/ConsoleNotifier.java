package io.varde.notify.console;

import io.varde.notify.Notification;
import io.varde.notify.Notifier;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

/**
 * Prints {@code 2025-11-13T08:42:10Z CRITICAL borger-dk UP -> DOWN | connect: connection refused}:
 * time (UTC, seconds), severity, subject, headline, then details separated by {@code | }.
 */
public final class ConsoleNotifier implements Notifier {

    private final PrintStream out;

    public ConsoleNotifier(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void send(Notification n) {
        out.println(format(n));
        out.flush();
    }

    /** The line printed for {@code n}. */
    public static String format(Notification n) {
        StringBuilder sb = new StringBuilder(120)
                .append(n.at().truncatedTo(ChronoUnit.SECONDS))
                .append(' ').append(String.format("%-8s", n.severity()))
                .append(' ').append(n.subject())
                .append(' ').append(n.headline());
        for (String d : n.details()) {
            sb.append(" | ").append(d);
        }
        return sb.toString();
    }
}
