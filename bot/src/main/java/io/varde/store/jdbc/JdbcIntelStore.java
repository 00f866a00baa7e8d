package io.varde.store.jdbc;

import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.IntelStore;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskListSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Claims and task list snapshots on JDBC ({@code claims}, {@code claim_targets},
 * {@code task_lists}; see {@code V2__intel.sql}). Each call is one transaction. Database errors
 * become {@link StoreException}, after the transaction has been rolled back.
 */
public final class JdbcIntelStore implements IntelStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TASK_LIST_COLUMNS = "source_name, observed_at, paths_by_host_json, "
            + "task_count, skipped_count, matches_json";

    private final Database db;

    public JdbcIntelStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Looks the (source name, ref) up first and inserts only when it is new, so that a duplicate
     * never reaches the unique constraint and no SQL error aborts the transaction. The claim and
     * its matches are written together or not at all. Two saves of the same new ref at the same
     * moment (a webhook retried while the first call is still running) meet at the unique
     * constraint: the later one is rolled back and run once more, when it finds the earlier claim
     * and returns it as a duplicate. The claim returned has its times at the stored precision
     * (microseconds), as {@link #claimsSince} will read it.
     *
     * @throws StoreException when the database fails, or a match cannot be stored (two matches
     *                        for one target); nothing is stored then
     */
    @Override
    public Saved save(Claim claim, List<ClaimMatch> matches) {
        Objects.requireNonNull(claim, "claim");
        List<ClaimMatch> toStore = List.copyOf(matches);
        try {
            return trySave(claim, toStore);
        } catch (StoreException e) {
            if (claim.ref().isEmpty() || !UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            return trySave(claim, toStore);
        }
    }

    private Saved trySave(Claim claim, List<ClaimMatch> matches) {
        String refKey = ClaimRows.refKey(claim.sourceName(), claim.ref());
        return Jdbc.transaction(db.dataSource(), "intel save claim source=" + claim.source().word(), c -> {
            Optional<StoredClaim> earlier = ClaimRows.byRefKey(c, refKey);
            if (earlier.isPresent()) {
                return new Saved(earlier.get(), true);
            }
            long id = nextClaimNumber(c);
            ClaimRows.insert(c, id, claim, matches);
            return new Saved(new StoredClaim(id, ClaimRows.asStored(claim), matches), false);
        });
    }

    private long nextClaimNumber(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(db.nextValue("claim_numbers"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ties in {@code observedAt} go to the claim stored later. */
    @Override
    public Optional<StoredClaim> claim(long id) {
        return Jdbc.transaction(db.dataSource(), "intel claim", c -> ClaimRows.select(c, "WHERE id = ?",
                ps -> ps.setLong(1, id))).stream().findFirst();
    }

    @Override
    public List<StoredClaim> claimsSince(Instant since, int limit) {
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        return Jdbc.transaction(db.dataSource(), "intel claims since", c -> ClaimRows.select(c,
                "WHERE observed_at >= ? ORDER BY observed_at DESC, id DESC LIMIT ?", ps -> {
                    Jdbc.setTime(ps, 1, since);
                    ps.setInt(2, limit);
                }));
    }

    /** Each claim comes with all the targets it hit, not only {@code targetId}. */
    @Override
    public List<StoredClaim> claimsOn(String targetId, Instant since) {
        Objects.requireNonNull(targetId, "targetId");
        return Jdbc.transaction(db.dataSource(), "intel claims on target", c -> ClaimRows.select(c,
                "WHERE observed_at >= ? AND id IN (SELECT claim_id FROM claim_targets WHERE target_id = ?)", ps -> {
                    Jdbc.setTime(ps, 1, since);
                    ps.setString(2, targetId);
                }));
    }

    /** Observed times are kept at microsecond precision, as every time in this store. */
    @Override
    public void saveTaskList(TaskListSnapshot s) {
        Jdbc.transaction(db.dataSource(), "intel save task list", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO task_lists (" + TASK_LIST_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.source());
                Jdbc.setTime(ps, 2, s.observedAt());
                ps.setString(3, JsonColumns.pathsByHost(s.pathsByHost()));
                ps.setInt(4, s.tasks());
                ps.setInt(5, s.skipped());
                ps.setString(6, JsonColumns.matches(s.matches()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<TaskListSnapshot> latestTaskList(String source) {
        return Jdbc.transaction(db.dataSource(), "intel latest task list", c -> taskLists(c,
                "WHERE source_name = ? ORDER BY id DESC LIMIT 1", ps -> ps.setString(1, source)))
                .stream().findFirst();
    }

    /** Ties in {@code observedAt} go to the snapshot saved later. */
    @Override
    public List<TaskListSnapshot> taskListsSince(Instant since, int limit) {
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        return Jdbc.transaction(db.dataSource(), "intel task lists since", c -> taskLists(c,
                "WHERE observed_at >= ? ORDER BY observed_at DESC, id DESC LIMIT ?", ps -> {
                    Jdbc.setTime(ps, 1, since);
                    ps.setInt(2, limit);
                }));
    }

    private static List<TaskListSnapshot> taskLists(Connection c, String filter, ClaimRows.Params params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TASK_LIST_COLUMNS + " FROM task_lists " + filter)) {
            params.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<TaskListSnapshot> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TaskListSnapshot(rs.getString("source_name"), Jdbc.time(rs, "observed_at"),
                            JsonColumns.pathsByHost(rs.getString("paths_by_host_json")), rs.getInt("task_count"),
                            rs.getInt("skipped_count"), JsonColumns.matches(rs.getString("matches_json"))));
                }
                return out;
            }
        }
    }

    private static int requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit;
    }
}
