package io.varde.testing;

import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.IntelStore;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskListSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory {@link IntelStore} for tests: claims numbered from 1, idempotent by (source name,
 * non-empty ref), snapshots kept in the order saved. Thread-safe (one lock), since pollers store
 * from their own thread while tests read.
 */
public final class MemoryIntelStore implements IntelStore {

    private final List<StoredClaim> claims = new ArrayList<>();
    private final List<TaskListSnapshot> taskLists = new ArrayList<>();

    @Override
    public synchronized Saved save(Claim claim, List<ClaimMatch> matches) {
        if (!claim.ref().isEmpty()) {
            for (StoredClaim c : claims) {
                if (c.claim().sourceName().equals(claim.sourceName()) && c.claim().ref().equals(claim.ref())) {
                    return new Saved(c, true);
                }
            }
        }
        StoredClaim stored = new StoredClaim(claims.size() + 1L, claim, matches);
        claims.add(stored);
        return new Saved(stored, false);
    }

    @Override
    public synchronized List<StoredClaim> claimsSince(Instant since, int limit) {
        return claims.stream().filter(c -> !c.claim().observedAt().isBefore(since))
                .sorted(Comparator.comparing((StoredClaim c) -> c.claim().observedAt())
                        .thenComparingLong(StoredClaim::id).reversed())
                .limit(limit).toList();
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
        List<TaskListSnapshot> out = new ArrayList<>();
        for (int i = taskLists.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (!taskLists.get(i).observedAt().isBefore(since)) {
                out.add(taskLists.get(i));
            }
        }
        return out;
    }

    /** Every claim stored, in the order stored. */
    public synchronized List<StoredClaim> claims() {
        return List.copyOf(claims);
    }

    /** Every snapshot stored, in the order stored. */
    public synchronized List<TaskListSnapshot> taskLists() {
        return List.copyOf(taskLists);
    }
}
