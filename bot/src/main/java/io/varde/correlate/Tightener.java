package io.varde.correlate;

import io.varde.check.Target;
import io.varde.check.Tightened;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps the checks of a tasked target tight for as long as any task list tasks it, and puts
 * them back when none does. Fed the findings of the {@code tasked} rules; tells the checks what
 * to run through {@code use} (the check planner and the monitor). When several lists task a
 * target, the tightest interval and threshold win and their attacked paths are all checked.
 */
public final class Tightener {

    private record Profile(Rule.Tightening tighten, Set<String> paths) {
    }

    private final Map<String, Target> original;
    private final Consumer<List<Target>> use;
    private final Map<String, Map<String, Profile>> tasking = new HashMap<>();

    /**
     * @param use given, for one target, the checks to run in turn (its own first, tightened or
     *            back to normal, then its attacked paths)
     */
    public Tightener(List<Target> targets, Consumer<List<Target>> use) {
        Map<String, Target> byId = new LinkedHashMap<>();
        targets.forEach(t -> byId.put(t.id(), t));
        this.original = Map.copyOf(byId);
        this.use = use;
    }

    /** Applies the tasked and untasked findings among {@code findings}; others are ignored. */
    public synchronized void apply(List<Finding> findings) {
        for (Finding f : findings) {
            if (f instanceof Finding.Tasked t) {
                t.targets().forEach(tt -> {
                    tasking.computeIfAbsent(tt.targetId(), k -> new HashMap<>())
                            .put(t.source() + "|" + t.rule(), new Profile(t.tighten(), tt.paths()));
                    update(tt.targetId());
                });
            } else if (f instanceof Finding.Untasked u) {
                u.targetIds().forEach(id -> {
                    Map<String, Profile> profiles = tasking.get(id);
                    if (profiles != null && profiles.remove(u.source() + "|" + u.rule()) != null) {
                        update(id);
                    }
                });
            }
        }
    }

    /** The ids of the targets checked tightly now. */
    public synchronized Set<String> tightened() {
        Set<String> out = new TreeSet<>();
        tasking.forEach((id, p) -> {
            if (!p.isEmpty()) {
                out.add(id);
            }
        });
        return out;
    }

    private void update(String id) {
        Target t = original.get(id);
        if (t == null) {
            return;
        }
        Map<String, Profile> profiles = tasking.getOrDefault(id, Map.of());
        if (profiles.isEmpty()) {
            tasking.remove(id);
            use.accept(List.of(t));
            return;
        }
        Duration interval = t.interval();
        int threshold = t.detection().failureThreshold();
        Set<String> paths = new TreeSet<>();
        for (Profile p : profiles.values()) {
            interval = p.tighten().interval().compareTo(interval) < 0 ? p.tighten().interval() : interval;
            threshold = Math.min(threshold, p.tighten().failureThreshold());
            if (p.tighten().probePaths()) {
                paths.addAll(p.paths());
            }
        }
        use.accept(Tightened.rotation(Tightened.target(t, interval, threshold), paths));
    }
}
