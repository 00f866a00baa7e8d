package io.varde.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recent outages (DOWN or DEGRADED spells) per target, as detection announced them: what the
 * claim rules compare claims with. Spells that ended before the horizon are forgotten.
 */
final class Outages {

    /** One spell; {@code end} is null while it lasts. */
    record Spell(Instant start, Instant end) {
        boolean intersects(Instant from, Instant to) {
            return !start.isAfter(to) && (end == null || !end.isBefore(from));
        }
    }

    private final Map<String, List<Spell>> byTarget = new HashMap<>();

    /** A spell of {@code targetId} begins at {@code at}, unless one is already running. */
    void started(String targetId, Instant at) {
        List<Spell> spells = byTarget.computeIfAbsent(targetId, k -> new ArrayList<>());
        if (spells.isEmpty() || spells.get(spells.size() - 1).end() != null) {
            spells.add(new Spell(at, null));
        }
    }

    /** The running spell of {@code targetId}, if any, ends at {@code at}. */
    void ended(String targetId, Instant at) {
        List<Spell> spells = byTarget.get(targetId);
        if (spells != null && !spells.isEmpty() && spells.get(spells.size() - 1).end() == null) {
            Spell last = spells.remove(spells.size() - 1);
            spells.add(new Spell(last.start(), at));
        }
    }

    /** The first spell of {@code targetId} that overlaps [{@code from}, {@code to}]. */
    Optional<Spell> within(String targetId, Instant from, Instant to) {
        for (Spell s : byTarget.getOrDefault(targetId, List.of())) {
            if (s.intersects(from, to)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Forgets spells that ended before {@code horizon}. */
    void forgetBefore(Instant horizon) {
        byTarget.values().forEach(list -> list.removeIf(s -> s.end() != null && s.end().isBefore(horizon)));
        byTarget.values().removeIf(List::isEmpty);
    }
}
