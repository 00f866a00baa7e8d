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
import io.varde.notify.OutboxStore.Settlement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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

    /** The most messages of one lane read at once; a longer lane is coalesced over several passes. */
    static final int LANE_LIMIT = 500;

    private final Database db;
    private final Fence fence;

    /** An unfenced store (a single node). */
    public JdbcOutboxStore(Database db) {
        this(db, Fence.NONE);
    }

    /**
     * A store whose every transaction, reads included, checks {@code fence} first (the
     * coordinator's) and throws {@link FencedOff} without doing anything when it fails.
     */
    public JdbcOutboxStore(Database db, Fence fence) {
        this.db = Objects.requireNonNull(db, "db");
        this.fence = Objects.requireNonNull(fence, "fence");
    }

    /** Every transaction of this store, behind its fence. */
    private <T> T transaction(String what, Jdbc.SqlWork<T> work) {
        return Jdbc.transaction(db.dataSource(), fence, what, work);
    }

    /** How many messages wait to be delivered (for {@code varde_notifications_queued}). */
    public int pendingCount() {
        return transaction("outbox count", c -> {
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
        return transaction("outbox pending", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox "
                    + "WHERE status = 'pending' ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Pending> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(pending(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * Finds the oldest due message of an urgent and of a normal incident per channel
     * ({@code MIN(id)} per channel over the index {@code outbox_due}, which ends with the due
     * columns, so the table is not read), then reads those at most two rows per channel by id;
     * and the channel's hold from its pending messages that failed before (index on
     * {@code (status, attempts)}), which are few. The first query still visits the index entry
     * of every pending message: with coalescing a lane's backlog stays short, but a storm's held
     * per-site posts are all pending during the group wait (about 1,000 in the chat storm
     * benchmark); the worker's wake gap bounds how often it runs.
     */
    @Override
    public List<Pending> heads(Instant now) {
        return transaction("outbox heads", c -> {
            Set<Long> ids = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM outbox WHERE status = 'pending' "
                    + "AND priority = ? AND (held_until IS NULL OR held_until <= ?) "
                    + "AND (card_shown = FALSE OR reply_at <= ?) GROUP BY channel")) {
                for (String priority : List.of("urgent", "normal")) {
                    ps.setString(1, priority);
                    Jdbc.setTime(ps, 2, now);
                    Jdbc.setTime(ps, 3, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
            }
            Map<String, Instant> holds = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT channel, MAX(not_before) AS hold FROM outbox "
                    + "WHERE status = 'pending' AND attempts > 0 GROUP BY channel");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holds.put(rs.getString("channel"), Jdbc.time(rs, "hold"));
                }
            }
            List<Pending> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            candidates.add(pending(rs));
                        }
                    }
                }
            }
            return ChannelHeads.choose(candidates, holds);
        });
    }

    @Override
    public Lane lane(long incident, String channel) {
        return transaction("outbox lane", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox WHERE incident = ? AND channel = ? "
                    + "AND status = 'pending' ORDER BY id LIMIT " + LANE_LIMIT)) {
                ps.setLong(1, incident);
                ps.setString(2, channel);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Pending> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(pending(rs));
                    }
                    return new Lane(MessageRefs.find(c, incident, channel).orElse(null), out,
                            inFlight(c, incident, channel));
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * A message that is no longer pending (settled twice) is left as it is.
     */
    @Override
    public void settle(Instant at, String messageRef, List<Settlement> settlements) {
        transaction("outbox settle", c -> {
            for (Settlement s : settlements) {
                String set = switch (s.result()) {
                    case SENT -> "status = 'sent'";
                    case SUPERSEDED -> "status = 'superseded'";
                    case SHOWN -> "card_shown = TRUE";
                };
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET " + set + ", attempts = ?, "
                        + "sent_at = ?, message_ref = ?, last_error = NULL WHERE id = ? AND status = 'pending'")) {
                    ps.setInt(1, s.attempts());
                    Jdbc.setTime(ps, 2, at);
                    ps.setString(3, messageRef);
                    ps.setLong(4, s.id());
                    if (ps.executeUpdate() == 0) {
                        continue;
                    }
                }
                String detail = s.result() == Settlement.Result.SENT && messageRef != null
                        ? (s.detail().isEmpty() ? messageRef : s.detail() + " (" + messageRef + ")") : s.detail();
                log(c, s.id(), at, s.attempts(), Outcome.valueOf(s.result().name()), detail);
            }
            if (messageRef != null && !settlements.isEmpty()) {
                MessageRefs.save(c, settlements.get(0).id(), messageRef, at);
            }
            if (!settlements.isEmpty()) {
                endInFlight(c, settlements.get(0).id());
            }
            return null;
        });
    }

    @Override
    public void retry(long id, Instant at, int attempts, Instant nextAttemptAt, String error) {
        transaction("outbox retry id=" + id, c -> {
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
        transaction("outbox failed id=" + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'failed', "
                    + "attempts = ?, last_error = ? WHERE id = ?")) {
                ps.setInt(1, attempts);
                ps.setString(2, error);
                ps.setLong(3, id);
                requireOne(ps.executeUpdate(), id);
            }
            endInFlight(c, id);
            log(c, id, at, attempts, Outcome.FAILED, error);
            return null;
        });
    }

    @Override
    public void begin(InFlight d) {
        transaction("outbox begin", c -> {
            deleteInFlight(c, d.incident(), d.channel());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_in_flight (incident, channel, lead_id, "
                    + "attempt_key, message_ref, edit_card, lines_json, mentions_json, settlements_json, started_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, d.incident());
                ps.setString(2, d.channel());
                ps.setLong(3, d.leadId());
                ps.setString(4, d.attemptKey());
                ps.setString(5, d.messageRef());
                ps.setBoolean(6, d.editCard());
                ps.setString(7, JsonColumns.strings(d.lines()));
                ps.setString(8, JsonColumns.strings(d.mentions()));
                ps.setString(9, JsonColumns.settlements(d.settlements()));
                Jdbc.setTime(ps, 10, d.startedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void forget(long incident, String channel) {
        transaction("outbox forget", c -> {
            deleteInFlight(c, incident, channel);
            return null;
        });
    }

    private static InFlight inFlight(Connection c, long incident, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox_in_flight WHERE incident = ? AND channel = ?")) {
            ps.setLong(1, incident);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new InFlight(incident, channel, rs.getLong("lead_id"), rs.getString("attempt_key"),
                        rs.getString("message_ref"), rs.getBoolean("edit_card"),
                        JsonColumns.strings(rs.getString("lines_json")), JsonColumns.strings(rs.getString("mentions_json")),
                        JsonColumns.settlements(rs.getString("settlements_json")), Jdbc.time(rs, "started_at"));
            }
        }
    }

    /** Ends the delivery in flight of the lane outbox message {@code id} belongs to. */
    private static void endInFlight(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_in_flight WHERE incident = "
                + "(SELECT incident FROM outbox WHERE id = ?) AND channel = (SELECT channel FROM outbox WHERE id = ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void deleteInFlight(Connection c, long incident, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_in_flight WHERE incident = ? AND channel = ?")) {
            ps.setLong(1, incident);
            ps.setString(2, channel);
            ps.executeUpdate();
        }
    }

    /** The platform message id last stored for this incident in this channel (for inspection). */
    public Optional<String> messageRef(long incident, String channel) {
        return transaction("message ref", c -> MessageRefs.find(c, incident, channel));
    }

    /** Every recorded attempt of one message, oldest first. */
    public List<DeliveryLogEntry> deliveryLog(long outboxId) {
        return transaction("delivery log", c -> {
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

    private static Pending pending(ResultSet rs) throws SQLException {
        return new Pending(message(rs), rs.getInt("attempts"), Jdbc.time(rs, "not_before"), rs.getBoolean("card_shown"));
    }

    private static OutboxMessage message(ResultSet rs) throws SQLException {
        String memberName = rs.getString("member_name");
        Instant replyAt = Jdbc.time(rs, "reply_at");
        if (replyAt == null) {
            replyAt = Jdbc.time(rs, "created_at");
        }
        OutboxMessage.Pacing pacing = new OutboxMessage.Pacing(Jdbc.time(rs, "held_until"), replyAt,
                memberName == null ? null : new OutboxMessage.Member(memberName, rs.getString("member_state")),
                rs.getBoolean("if_announced"));
        return new OutboxMessage(rs.getLong("id"), rs.getLong("incident"), rs.getInt("revision"),
                rs.getString("channel"), JsonColumns.card(rs.getString("card_json")),
                rs.getString("change_text"), JsonColumns.strings(rs.getString("mentions_json")),
                Jdbc.time(rs, "created_at"),
                OutboxMessage.Priority.valueOf(rs.getString("priority").toUpperCase(Locale.ROOT)), pacing);
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
