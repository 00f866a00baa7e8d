package io.varde.testing;

import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.IntelStore;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskListSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link IntelStore} for fast tests of intel intake, the webhook and correlation:
 * claims numbered from 1 in the order saved, idempotent by (source name, non-empty ref) as the
 * port says; task list snapshots kept in the order saved. Thread-safe (every method synchronized).
 */
public final class MemoryIntelStore implements IntelStore {

    private final List<StoredClaim> claims = new ArrayList<>();
    private final Map<String, StoredClaim> byRef = new LinkedHashMap<>();
    private final List<TaskListSnapshot> taskLists = new ArrayList<>();

    @Override
    public synchronized Saved save(Claim claim, List<ClaimMatch> matches) {
        String key = claim.sourceName() + "\u0000" + claim.ref();
        if (!claim.ref().isEmpty() && byRef.containsKey(key)) {
            return new Saved(byRef.get(key), true);
        }
        StoredClaim stored = new StoredClaim(claims.size() + 1L, claim, matches);
        claims.add(stored);
        if (!claim.ref().isEmpty()) {
            byRef.put(key, stored);
        }
        return new Saved(stored, false);
    }

    @Override
    public synchronized Optional<StoredClaim> claim(long id) {
        return claims.stream().filter(c -> c.id() == id).findFirst();
    }

    @Override
    public synchronized List<StoredClaim> claimsSince(Instant since, int limit) {
        return claims.stream()
                .filter(c -> !c.claim().observedAt().isBefore(since))
                .sorted(Comparator.comparing((StoredClaim c) -> c.claim().observedAt())
                        .thenComparingLong(StoredClaim::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<StoredClaim> claimsOn(String targetId, Instant since) {
        return claimsSince(since, Integer.MAX_VALUE).stream().filter(c -> c.targetIds().contains(targetId)).toList();
    }

    @Override
    public synchronized void saveTaskList(TaskListSnapshot snapshot) {
        taskLists.add(snapshot);
    }

    @Override
    public synchronized Optional<TaskListSnapshot> latestTaskList(String source) {
        for (int i = taskLists.size() - 1; i >= 0; i--) {
            if (taskLists.get(i).source().equals(source)) {
                return Optional.of(taskLists.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<TaskListSnapshot> taskListsSince(Instant since, int limit) {
        List<TaskListSnapshot> newestFirst = new ArrayList<>(taskLists);
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(t -> !t.observedAt().isBefore(since))
                .sorted(Comparator.comparing(TaskListSnapshot::observedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** Every claim stored so far, in the order stored. */
    public synchronized List<StoredClaim> claims() {
        return List.copyOf(claims);
    }

    /** Every task list snapshot stored so far, in the order stored. */
    public synchronized List<TaskListSnapshot> taskLists() {
        return List.copyOf(taskLists);
    }
}
