package io.varde.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code message_refs} table: per incident and channel, the platform's id of the message
 * later changes edit. Upserted portably (update, then insert when no row was there).
 */
final class MessageRefs {

    private MessageRefs() {
    }

    /** Stores {@code ref} for the incident and channel of outbox message {@code outboxId}. */
    static void save(Connection c, long outboxId, String ref, Instant at) throws SQLException {
        long incident;
        String channel;
        try (PreparedStatement ps = c.prepareStatement("SELECT incident, channel FROM outbox WHERE id = ?")) {
            ps.setLong(1, outboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no outbox message id=" + outboxId);
                }
                incident = rs.getLong(1);
                channel = rs.getString(2);
            }
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE message_refs SET message_ref = ?, "
                + "updated_at = ? WHERE incident = ? AND channel = ?")) {
            up.setString(1, ref);
            Jdbc.setTime(up, 2, at);
            up.setLong(3, incident);
            up.setString(4, channel);
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO message_refs (incident, channel, "
                + "message_ref, updated_at) VALUES (?, ?, ?, ?)")) {
            in.setLong(1, incident);
            in.setString(2, channel);
            in.setString(3, ref);
            Jdbc.setTime(in, 4, at);
            in.executeUpdate();
        }
    }

    static Optional<String> find(Connection c, long incident, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_ref FROM message_refs WHERE incident = ? AND channel = ?")) {
            ps.setLong(1, incident);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
