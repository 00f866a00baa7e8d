package io.varde.chat.discord;

import io.varde.check.Target;
import io.varde.incident.Incident;
import io.varde.incident.IncidentService;
import io.varde.incident.Mute;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Discord offers while someone types an option: open incidents ({@code INC-3 · borger.dk is
 * DOWN}), target ids and {@code label="value"} matchers, active mutes. Choices
 * are those containing what was typed (case-insensitive), at most {@value #MAX} (Discord's limit).
 */
public final class Completions {

    static final int MAX = 25;

    /** One choice: what the list shows, and the value put in the option. */
    record Choice(String name, String value) {
    }

    private final IncidentService incidents;
    private final Collection<Target> targets;
    private final Clock clock;

    public Completions(IncidentService incidents, Collection<Target> targets, Clock clock) {
        this.incidents = incidents;
        this.targets = List.copyOf(targets);
        this.clock = clock;
    }

    /** The choices for option {@code option} (see {@link SlashCommands#COMPLETED}) given {@code typed}. */
    List<Choice> complete(String option, String typed) {
        List<Choice> all = new ArrayList<>();
        switch (option) {
            case "incident" -> openIncidents(all);
            case "scope" -> {
                openIncidents(all);
                targetsAndLabels(all);
            }
            case "target", "host" -> targetsAndLabels(all);
            case "mute" -> {
                for (Mute m : incidents.activeMutes(clock.instant())) {
                    all.add(new Choice(m.id() + " · " + m.scope().describe() + (m.reason().isEmpty() ? "" : " · " + m.reason()), m.id()));
                }
                targets.forEach(t -> all.add(new Choice(t.id(), t.id())));
            }
            default -> {
                // not completed
            }
        }
        String needle = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return all.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).contains(needle))
                .map(c -> new Choice(cut(c.name()), cut(c.value()))).limit(MAX).toList();
    }

    private void openIncidents(List<Choice> out) {
        for (Incident i : incidents.unresolved()) {
            out.add(new Choice(i.id() + " · " + i.title(), i.id()));
        }
    }

    private void targetsAndLabels(List<Choice> out) {
        Set<String> labels = new LinkedHashSet<>();
        for (Target t : targets) {
            out.add(new Choice(t.id() + (t.name().equals(t.id()) ? "" : " · " + t.name()), t.id()));
            t.labels().map().forEach((k, v) -> labels.add(k + "=\"" + v + "\""));
        }
        labels.forEach(l -> out.add(new Choice(l, l)));
    }

    private static String cut(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }
}
