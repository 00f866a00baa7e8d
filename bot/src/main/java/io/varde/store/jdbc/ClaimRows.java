package io.varde.store.jdbc;

import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.ClaimSource;
import io.varde.intel.Match;
import io.varde.intel.StoredClaim;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code claims} table and its {@code claim_targets}: one row per claim, one per target it
 * hit. Claims are never changed once written.
 */
final class ClaimRows {

    private static final String INSERT = "INSERT INTO claims (id, source_kind, source_name, ref, ref_key, "
            + "actor, claimed_at, observed_at, hosts_json, paths_json, links_json, claim_text) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TARGET = "INSERT INTO claim_targets (claim_id, match_order, target_id, "
            + "host, reason, detail) VALUES (?, ?, ?, ?, ?, ?)";
    /** The claims a filter picks, with their targets (a derived table: a LIMIT counts claims, not rows). */
    private static final String SELECT = "SELECT c.id, c.source_kind, c.source_name, c.ref, c.actor, c.claimed_at, "
            + "c.observed_at, c.hosts_json, c.paths_json, c.links_json, c.claim_text, "
            + "t.target_id, t.host, t.reason, t.detail "
            + "FROM (SELECT * FROM claims %s) c LEFT JOIN claim_targets t ON t.claim_id = c.id "
            + "ORDER BY c.observed_at DESC, c.id DESC, t.match_order";

    private ClaimRows() {
    }

    /** Binds the parameters of a query's filter. */
    @FunctionalInterface
    interface Params {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * What makes (source name, ref) unique: the SHA-256 of both, length-prefixed so that no two
     * pairs read the same; null for an empty ref, which never makes a duplicate.
     */
    static String refKey(String sourceName, String ref) {
        if (ref.isEmpty()) {
            return null;
        }
        try {
            byte[] text = (sourceName.length() + ":" + sourceName + ref).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The claim stored under {@code refKey}, or empty (always empty for a null key). */
    static Optional<StoredClaim> byRefKey(Connection c, String refKey) throws SQLException {
        if (refKey == null) {
            return Optional.empty();
        }
        List<StoredClaim> found = select(c, "WHERE ref_key = ?", ps -> ps.setString(1, refKey));
        return found.stream().findFirst();
    }

    /** Inserts the claim as number {@code id} and its matches, in their order. */
    static void insert(Connection c, long id, Claim claim, List<ClaimMatch> matches) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, id);
            ps.setString(2, claim.source().word());
            ps.setString(3, claim.sourceName());
            ps.setString(4, claim.ref());
            ps.setString(5, refKey(claim.sourceName(), claim.ref()));
            ps.setString(6, claim.actor());
            Jdbc.setTime(ps, 7, claim.claimedAt());
            Jdbc.setTime(ps, 8, claim.observedAt());
            ps.setString(9, JsonColumns.hosts(claim.hosts()));
            ps.setString(10, JsonColumns.strings(claim.paths()));
            ps.setString(11, JsonColumns.strings(claim.links()));
            ps.setString(12, claim.text());
            ps.executeUpdate();
        }
        if (matches.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_TARGET)) {
            int order = 0;
            for (ClaimMatch m : matches) {
                ps.setLong(1, id);
                ps.setInt(2, order++);
                ps.setString(3, m.targetId());
                ps.setString(4, m.host());
                ps.setString(5, m.reason().name());
                ps.setString(6, m.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The claim as it reads back: its times at the stored precision. */
    static Claim asStored(Claim claim) {
        return new Claim(claim.source(), claim.sourceName(), claim.ref(), claim.actor(),
                Jdbc.stored(claim.claimedAt()), Jdbc.stored(claim.observedAt()), claim.hosts(), claim.paths(),
                claim.links(), claim.text());
    }

    /**
     * The claims {@code filter} picks ({@code WHERE ...}, optionally with {@code ORDER BY} and
     * {@code LIMIT}, over {@code claims}), newest observed first, each with every target it hit.
     */
    static List<StoredClaim> select(Connection c, String filter, Params params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT.formatted(filter))) {
            params.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredClaim> out = new ArrayList<>();
                long id = -1;
                Claim claim = null;
                List<ClaimMatch> matches = new ArrayList<>();
                while (rs.next()) {
                    if (claim == null || rs.getLong("id") != id) {
                        if (claim != null) {
                            out.add(new StoredClaim(id, claim, matches));
                        }
                        id = rs.getLong("id");
                        claim = claim(rs);
                        matches = new ArrayList<>();
                    }
                    String target = rs.getString("target_id");
                    if (target != null) {
                        matches.add(new ClaimMatch(target, rs.getString("host"),
                                Match.Reason.valueOf(rs.getString("reason")), rs.getString("detail")));
                    }
                }
                if (claim != null) {
                    out.add(new StoredClaim(id, claim, matches));
                }
                return out;
            }
        }
    }

    private static Claim claim(ResultSet rs) throws SQLException {
        String kind = rs.getString("source_kind");
        ClaimSource source = ClaimSource.ofWord(kind)
                .orElseThrow(() -> new IllegalStateException("unknown claim source in the database: " + kind));
        return new Claim(source, rs.getString("source_name"), rs.getString("ref"), rs.getString("actor"),
                Jdbc.time(rs, "claimed_at"), Jdbc.time(rs, "observed_at"),
                JsonColumns.hosts(rs.getString("hosts_json")), JsonColumns.strings(rs.getString("paths_json")),
                JsonColumns.strings(rs.getString("links_json")), rs.getString("claim_text"));
    }
}
