package io.varde.store.jdbc;

import io.varde.core.Matchers;
import io.varde.incident.Mute;
import io.varde.incident.MuteScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mutes} table. A scope is stored as its kind plus one column: the incident number,
 * the target id, or the matchers' canonical text, which {@link Matchers#parse} reads back.
 */
final class MuteRows {

    private static final String INSERT = "INSERT INTO mutes (number, scope_kind, scope_incident, "
            + "scope_target, scope_matchers, starts_at, ends_at, by_platform, by_id, by_name, reason, "
            + "ended_at, ended_by_platform, ended_by_id, ended_by_name) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String END = "UPDATE mutes SET ended_at = ?, ended_by_platform = ?, "
            + "ended_by_id = ?, ended_by_name = ? WHERE number = ?";
    private static final String SELECT = "SELECT * FROM mutes ";

    private MuteRows() {
    }

    static void insert(Connection c, Mute m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, m.number());
            bindScope(ps, 2, m.scope());
            Jdbc.setTime(ps, 6, m.startsAt());
            Jdbc.setTime(ps, 7, m.endsAt());
            Jdbc.setActor(ps, 8, m.by());
            ps.setString(11, m.reason());
            Jdbc.setTime(ps, 12, m.endedAt());
            Jdbc.setActor(ps, 13, m.endedBy());
            ps.executeUpdate();
        }
    }

    /**
     * Stores the end of {@code m}.
     *
     * @throws IllegalArgumentException when no mute has that number
     */
    static void end(Connection c, Mute m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(END)) {
            Jdbc.setTime(ps, 1, m.endedAt());
            Jdbc.setActor(ps, 2, m.endedBy());
            ps.setLong(5, m.number());
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("no mute " + m.id() + " to end");
            }
        }
    }

    static Optional<Mute> byNumber(Connection c, long number) throws SQLException {
        return select(c, "WHERE number = ?", number).stream().findFirst();
    }

    /** Mutes without an end, oldest first. */
    static List<Mute> unended(Connection c) throws SQLException {
        return select(c, "WHERE ended_at IS NULL ORDER BY number");
    }

    private static List<Mute> select(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            for (int p = 0; p < params.length; p++) {
                ps.setObject(p + 1, params[p]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Mute> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Mute(rs.getLong("number"), scope(rs), Jdbc.time(rs, "starts_at"),
                            Jdbc.time(rs, "ends_at"), Jdbc.actor(rs, "by"), rs.getString("reason"),
                            Jdbc.time(rs, "ended_at"), Jdbc.actor(rs, "ended_by")));
                }
                return out;
            }
        }
    }

    /** Sets scope_kind, scope_incident, scope_target, scope_matchers from {@code index}. */
    private static void bindScope(PreparedStatement ps, int index, MuteScope scope) throws SQLException {
        Long incident = null;
        String target = null;
        String matchers = null;
        String kind;
        if (scope instanceof MuteScope.OfIncident s) {
            kind = "incident";
            incident = s.number();
        } else if (scope instanceof MuteScope.OfTarget s) {
            kind = "target";
            target = s.targetId();
        } else if (scope instanceof MuteScope.OfLabels s) {
            kind = "labels";
            matchers = s.matchers().toString();
        } else {
            throw new IllegalArgumentException("unknown mute scope " + scope);
        }
        ps.setString(index, kind);
        Jdbc.setNullableLong(ps, index + 1, incident);
        ps.setString(index + 2, target);
        ps.setString(index + 3, matchers);
    }

    private static MuteScope scope(ResultSet rs) throws SQLException {
        String kind = rs.getString("scope_kind");
        return switch (kind) {
            case "incident" -> new MuteScope.OfIncident(rs.getLong("scope_incident"));
            case "target" -> new MuteScope.OfTarget(rs.getString("scope_target"));
            case "labels" -> new MuteScope.OfLabels(Matchers.parse(rs.getString("scope_matchers")));
            default -> throw new IllegalStateException("unknown scope_kind " + kind + " in mutes");
        };
    }
}
