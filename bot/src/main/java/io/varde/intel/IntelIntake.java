package io.varde.intel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way intel comes in, whatever the source (webhook, feed, task list, chat): read, match
 * to the monitored targets, store, then tell correlation ({@link IntelEvent}) what is new.
 * Thread-safe as far as the store is; the event consumer is called on the caller's thread after
 * the store commits.
 */
public final class IntelIntake {

    /**
     * What happened to one raw claim.
     *
     * @param claim     the stored claim (the earlier one for a duplicate); empty when refused
     * @param duplicate the same source name and ref were stored before; nothing new was written
     * @param refused   host fields that name no host, each with why
     */
    public record Receipt(Optional<StoredClaim> claim, boolean duplicate, List<String> refused) {

        public Receipt {
            refused = List.copyOf(refused);
        }
    }

    private final IntelStore store;
    private final Supplier<TargetIndex> index;
    private final Consumer<IntelEvent> events;

    /**
     * @param index  the current target index (targets and the IPs they were seen to resolve to)
     * @param events told of each new claim and tasking change, after it is stored
     */
    public IntelIntake(IntelStore store, Supplier<TargetIndex> index, Consumer<IntelEvent> events) {
        this.store = store;
        this.index = index;
        this.events = events;
    }

    /**
     * Reads, matches and stores one claim. With {@code strict}, a claim with any unreadable host
     * field is refused whole (an API caller should fix its input); otherwise the readable hosts
     * are kept (feeds and lists are dirty by nature).
     */
    public Receipt claim(RawClaim raw, boolean strict) {
        Claims.Reading reading = Claims.read(raw);
        if (reading.claim().isEmpty() || (strict && !reading.refused().isEmpty())) {
            return new Receipt(Optional.empty(), false, reading.refused());
        }
        Claim claim = reading.claim().get();
        IntelStore.Saved saved = store.save(claim, ClaimMatch.of(claim, index.get()));
        if (!saved.duplicate()) {
            events.accept(new IntelEvent.ClaimSeen(saved.claim()));
        }
        return new Receipt(Optional.of(saved.claim()), saved.duplicate(), reading.refused());
    }

    /**
     * Compares {@code list} with the last one stored for {@code source} and stores it. Hosts newly
     * tasked are stored as one {@link ClaimSource#TASK_LIST} claim by {@code actor} (before the
     * snapshot, so a failure in between repeats the claim under the same ref, which is then a
     * duplicate); a change in the tasked targets or their paths is sent as
     * {@link IntelEvent.TaskingChanged}. A list equal to the last one changes nothing.
     *
     * @return the difference, or empty when the list is the same as the last one
     */
    public Optional<TaskListDiff> taskList(String source, String actor, TaskList list) {
        Optional<TaskListSnapshot> previous = store.latestTaskList(source);
        Map<String, Set<String>> paths = list.pathsByHost(TaskListDiff::normalised);
        if (previous.isPresent() && previous.get().pathsByHost().equals(paths)) {
            return Optional.empty();
        }
        TaskListDiff diff = TaskListDiff.between(previous.map(TaskListSnapshot::pathsByHost).orElse(Map.of()), paths);
        if (!diff.added().isEmpty()) {
            claim(new RawClaim(ClaimSource.TASK_LIST, source, list.observedAt().toString(), actor,
                    list.observedAt(), list.observedAt(), List.copyOf(diff.added()), List.of(), List.of(),
                    diff.added().size() + " hosts newly on task list " + source), false);
        }
        Map<String, TaskedTarget> tasked = tasked(paths, index.get());
        long unreadable = list.tasks().stream().map(t -> TaskListDiff.normalised(t.host()))
                .filter(h -> h == null).count();
        store.saveTaskList(new TaskListSnapshot(source, list.observedAt(), paths, list.tasks().size(),
                list.skipped().size() + (int) unreadable,
                tasked.values().stream().map(TaskedTarget::match).toList()));
        Set<String> before = new LinkedHashSet<>(previous.map(TaskListSnapshot::targetIds).orElse(List.of()));
        List<TaskedTarget> added = tasked.values().stream().filter(t -> !before.contains(t.targetId())).toList();
        List<String> removed = before.stream().filter(id -> !tasked.containsKey(id)).toList();
        events.accept(new IntelEvent.TaskingChanged(list.observedAt(), source, added, removed,
                List.copyOf(tasked.values())));
        return Optional.of(diff);
    }

    /**
     * Tells correlation again, as newly tasked, every target the last stored list of
     * {@code source} tasks: after a restart, so that their checks tighten again. The incident
     * side already has them, so no alert repeats.
     */
    public void retellTasking(String source) {
        store.latestTaskList(source).ifPresent(s -> {
            List<TaskedTarget> tasked = List.copyOf(tasked(s.pathsByHost(), index.get()).values());
            events.accept(new IntelEvent.TaskingChanged(s.observedAt(), source, tasked, List.of(), tasked));
        });
    }

    /** Each target the hosts hit, with its strongest match and the paths of every host that hits it. */
    static Map<String, TaskedTarget> tasked(Map<String, Set<String>> pathsByHost, TargetIndex index) {
        Map<String, ClaimMatch> best = new LinkedHashMap<>();
        Map<String, Set<String>> paths = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : pathsByHost.entrySet()) {
            if (!(HostNames.normalise(e.getKey()) instanceof HostReading.Read read)) {
                continue;
            }
            for (Match m : index.matches(read.host())) {
                String id = m.target().id();
                ClaimMatch.keepStrongest(best, new ClaimMatch(id, read.host().host(), m.reason(), m.detail()));
                paths.computeIfAbsent(id, x -> new LinkedHashSet<>()).addAll(e.getValue());
            }
        }
        Map<String, TaskedTarget> out = new LinkedHashMap<>();
        best.forEach((id, m) -> out.put(id, new TaskedTarget(id, m, paths.get(id))));
        return out;
    }

    /** Claims and task lists since {@code since}, newest first, for the {@code claims} command and the web. */
    public Recent recent(Instant since, int limit) {
        return new Recent(store.claimsSince(since, limit), store.taskListsSince(since, limit));
    }

    /** Claims hitting {@code targetId} observed at or after {@code since}, newest first. */
    public List<StoredClaim> claimsOn(String targetId, Instant since) {
        return store.claimsOn(targetId, since);
    }

    /** Recent intel, newest first. */
    public record Recent(List<StoredClaim> claims, List<TaskListSnapshot> taskLists) {

        public Recent {
            claims = List.copyOf(claims);
            taskLists = List.copyOf(taskLists);
        }
    }
}
