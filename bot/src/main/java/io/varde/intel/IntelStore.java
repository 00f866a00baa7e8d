package io.varde.intel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where claims and task list snapshots are kept (port; {@code store.jdbc} implements it). */
public interface IntelStore {

    /**
     * The outcome of {@link #save}.
     *
     * @param claim     the claim as stored
     * @param duplicate true when a claim with the same source name and non-empty ref was stored
     *                  before; {@code claim} is then that earlier one and nothing was written
     */
    record Saved(StoredClaim claim, boolean duplicate) {
    }

    /** Stores {@code claim} with the targets it hits, in one transaction; idempotent by (source name, ref). */
    Saved save(Claim claim, List<ClaimMatch> matches);

    /** The claim stored as number {@code id} (C-{@code id}), if any. */
    Optional<StoredClaim> claim(long id);

    /** Claims observed at or after {@code since}, newest first, at most {@code limit}. */
    List<StoredClaim> claimsSince(Instant since, int limit);

    /**
     * Claims that hit {@code targetId} when they arrived, observed at or after {@code since},
     * newest first (correlation and the status page ask "claims on this target lately").
     */
    List<StoredClaim> claimsOn(String targetId, Instant since);

    /** Stores a task list snapshot ({@link #latestTaskList} returns the one saved last per source). */
    void saveTaskList(TaskListSnapshot snapshot);

    /** The snapshot saved last for {@code source}. */
    Optional<TaskListSnapshot> latestTaskList(String source);

    /** Snapshots observed at or after {@code since}, newest first, at most {@code limit}. */
    List<TaskListSnapshot> taskListsSince(Instant since, int limit);
}
