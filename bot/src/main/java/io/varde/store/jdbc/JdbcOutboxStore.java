package io.varde.store.jdbc;

import io.varde.incident.OutboxMessage;
import io.varde.notify.ChannelHeads;
import io.varde.notify.OutboxStore;
import io.varde.store.jdbc.DeliveryLogEntry.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delivery side of the outbox on JDBC. Messages are queued by {@link JdbcIncidentStore}
 * (in the incident's transaction); this store hands out each channel's head (see {@link #heads()})
 * and records each outcome on the message and, in the same transaction, as a row of the delivery
 * log.
 */
public final class JdbcOutboxStore implements OutboxStore {

    private final Database db;

    public JdbcOutboxStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** How many messages wait to be delivered (for {@code varde_notifications_queued}). */
    public int pendingCount() {
        return Jdbc.transaction(db.dataSource(), "outbox count", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Undelivered messages (due or not: see {@link Pending#notBefore()}), oldest first, at most
     * {@code limit}: the queue as an operator would inspect it. Delivery reads {@link #heads()}.
     */
    public List<Pending> pending(int limit) {
        return Jdbc.transaction(db.dataSource(), "outbox pending", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox "
                    + "WHERE status = 'pending' ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Pending> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Pending(message(rs), rs.getInt("attempts"), Jdbc.time(rs, "not_before")));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * Reads at most two candidates per channel, whatever the backlog: its oldest pending message
     * and its oldest urgent one (each is the next message of its incident, since an incident's
     * messages all have its priority), and {@link ChannelHeads} picks between them. They also
     * carry the channel's hold: a message is attempted only when chosen, as the oldest or the
     * oldest urgent, and stays so until it leaves the queue, so every message with a Retry-After
     * or a backoff pending is a candidate. The two MIN(id) queries are served by indexes on
     * {@code (status, channel, id)} and {@code (status, priority, channel, id)}; a storm of 1,000
     * incidents queued in one rate-limited Slack channel costs two rows per pass, not 1,000.
     */
    @Override
    public List<Pending> heads() {
        return Jdbc.transaction(db.dataSource(), "outbox heads", c -> {
            Set<Long> ids = new TreeSet<>(ids(c, "SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY channel"));
            ids.addAll(ids(c, "SELECT MIN(id) FROM outbox WHERE status = 'pending' AND priority = 'urgent' "
                    + "GROUP BY channel"));
            List<Pending> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            candidates.add(new Pending(message(rs), rs.getInt("attempts"), Jdbc.time(rs, "not_before")));
                        }
                    }
                }
            }
            return ChannelHeads.choose(candidates);
        });
    }

    private static List<Long> ids(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Also stores {@code messageRef} as the incident's message in that channel (unless null). */
    @Override
    public void sent(long id, Instant at, int attempts, String messageRef) {
        Jdbc.transaction(db.dataSource(), "outbox sent id=" + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'sent', "
                    + "attempts = ?, sent_at = ?, message_ref = ?, last_error = NULL WHERE id = ?")) {
                ps.setInt(1, attempts);
                Jdbc.setTime(ps, 2, at);
                ps.setString(3, messageRef);
                ps.setLong(4, id);
                requireOne(ps.executeUpdate(), id);
            }
            if (messageRef != null) {
                MessageRefs.save(c, id, messageRef, at);
            }
            log(c, id, at, attempts, Outcome.SENT, messageRef == null ? "" : messageRef);
            return null;
        });
    }

    @Override
    public void retry(long id, Instant at, int attempts, Instant nextAttemptAt, String error) {
        Jdbc.transaction(db.dataSource(), "outbox retry id=" + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = ?, "
                    + "not_before = ?, last_error = ? WHERE id = ?")) {
                ps.setInt(1, attempts);
                Jdbc.setTime(ps, 2, nextAttemptAt);
                ps.setString(3, error);
                ps.setLong(4, id);
                requireOne(ps.executeUpdate(), id);
            }
            log(c, id, at, attempts, Outcome.RETRY, error + " (next attempt at " + Jdbc.stored(nextAttemptAt) + ")");
            return null;
        });
    }

    @Override
    public void failed(long id, Instant at, int attempts, String error) {
        Jdbc.transaction(db.dataSource(), "outbox failed id=" + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'failed', "
                    + "attempts = ?, last_error = ? WHERE id = ?")) {
                ps.setInt(1, attempts);
                ps.setString(2, error);
                ps.setLong(3, id);
                requireOne(ps.executeUpdate(), id);
            }
            log(c, id, at, attempts, Outcome.FAILED, error);
            return null;
        });
    }

    @Override
    public Optional<String> messageRef(long incident, String channel) {
        return Jdbc.transaction(db.dataSource(), "message ref", c -> MessageRefs.find(c, incident, channel));
    }

    /** Every recorded attempt of one message, oldest first. */
    public List<DeliveryLogEntry> deliveryLog(long outboxId) {
        return Jdbc.transaction(db.dataSource(), "delivery log", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at, attempt, outcome, detail "
                    + "FROM delivery_log WHERE outbox_id = ? ORDER BY id")) {
                ps.setLong(1, outboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<DeliveryLogEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new DeliveryLogEntry(outboxId, Jdbc.time(rs, "occurred_at"), rs.getInt("attempt"),
                                Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                                rs.getString("detail")));
                    }
                    return out;
                }
            }
        });
    }

    private static OutboxMessage message(ResultSet rs) throws SQLException {
        return new OutboxMessage(rs.getLong("id"), rs.getLong("incident"), rs.getInt("revision"),
                rs.getString("channel"), JsonColumns.card(rs.getString("card_json")),
                rs.getString("change_text"), JsonColumns.strings(rs.getString("mentions_json")),
                Jdbc.time(rs, "created_at"),
                OutboxMessage.Priority.valueOf(rs.getString("priority").toUpperCase(Locale.ROOT)));
    }

    private static void log(Connection c, long id, Instant at, int attempt, Outcome outcome, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_log (outbox_id, occurred_at, "
                + "attempt, outcome, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            Jdbc.setTime(ps, 2, at);
            ps.setInt(3, attempt);
            ps.setString(4, outcome.name().toLowerCase(Locale.ROOT));
            ps.setString(5, detail == null ? "" : detail);
            ps.executeUpdate();
        }
    }

    private static void requireOne(int updated, long id) {
        if (updated != 1) {
            throw new IllegalArgumentException("no outbox message id=" + id);
        }
    }
}
