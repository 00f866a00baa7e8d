package io.varde.store.jdbc;

import io.varde.detect.TargetState;
import io.varde.incident.Incident;
import io.varde.incident.IncidentTx;
import io.varde.incident.Mute;
import io.varde.incident.OutboxMessage;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One transaction of {@link JdbcIncidentStore}, on the connection it holds. Unusable once the
 * transaction is over. Every {@link SQLException} becomes a {@link StoreException}, which rolls
 * the transaction back as it leaves the work.
 */
final class JdbcIncidentTx implements IncidentTx {

    private static final String KEY_TAKEN = "SELECT 1 FROM outbox WHERE idempotency_key = ?";
    private static final String ENQUEUE = "INSERT INTO outbox (idempotency_key, incident, revision, "
            + "channel, card_json, change_text, mentions_json, created_at, status, attempts, not_before, "
            + "priority, held_until, reply_at, member_name, member_state, if_announced) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)";

    private final Connection c;
    private final Database db;
    private boolean open = true;

    JdbcIncidentTx(Connection c, Database db) {
        this.c = c;
        this.db = db;
    }

    void close() {
        open = false;
    }

    @Override
    public long nextIncidentNumber() {
        return sql(() -> next("incident_numbers"));
    }

    @Override
    public long nextMuteNumber() {
        return sql(() -> next("mute_numbers"));
    }

    @Override
    public void insert(Incident incident) {
        sql(() -> {
            IncidentRows.insert(c, incident);
            return null;
        });
    }

    @Override
    public boolean update(Incident next) {
        return sql(() -> IncidentRows.update(c, next));
    }

    @Override
    public Optional<Incident> incident(long number) {
        return sql(() -> IncidentRows.byNumber(c, number));
    }

    @Override
    public Optional<Incident> unresolvedByKey(String key) {
        return sql(() -> IncidentRows.unresolvedByKey(c, key));
    }

    @Override
    public Optional<Incident> unresolvedWithTarget(String targetId) {
        return sql(() -> IncidentRows.unresolvedWithTarget(c, targetId));
    }

    @Override
    public List<Incident> withDueTimers(Instant now) {
        return sql(() -> IncidentRows.withDueTimers(c, now));
    }

    @Override
    public List<Incident> unresolved() {
        return sql(() -> IncidentRows.unresolved(c));
    }

    @Override
    public List<Incident> recent(int limit) {
        return sql(() -> IncidentRows.recent(c, limit));
    }

    @Override
    public void append(TimelineEntry e) {
        sql(() -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO timeline_entries (incident, "
                    + "occurred_at, actor_platform, actor_id, actor_name, action, entry_text) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, e.incident());
                Jdbc.setTime(ps, 2, e.at());
                Jdbc.setActor(ps, 3, e.actor());
                ps.setString(6, e.action().name());
                ps.setString(7, e.text());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<TimelineEntry> timeline(long incident) {
        return sql(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM timeline_entries "
                    + "WHERE incident = ? ORDER BY occurred_at, id")) {
                ps.setLong(1, incident);
                try (ResultSet rs = ps.executeQuery()) {
                    List<TimelineEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new TimelineEntry(incident, Jdbc.time(rs, "occurred_at"),
                                Jdbc.actor(rs, "actor"), TimelineAction.valueOf(rs.getString("action")),
                                rs.getString("entry_text")));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void insert(Mute mute) {
        sql(() -> {
            MuteRows.insert(c, mute);
            return null;
        });
    }

    @Override
    public void end(Mute mute) {
        sql(() -> {
            MuteRows.end(c, mute);
            return null;
        });
    }

    @Override
    public Optional<Mute> mute(long number) {
        return sql(() -> MuteRows.byNumber(c, number));
    }

    @Override
    public List<Mute> unendedMutes() {
        return sql(() -> MuteRows.unended(c));
    }

    /**
     * Looks the key up, then inserts only when it is free: a duplicate never reaches the unique
     * index, so no SQL error aborts the transaction (PostgreSQL would refuse every later
     * statement). Not {@code INSERT ... SELECT ... WHERE NOT EXISTS}: H2 2.4 reuses the cached
     * statement with its uncorrelated subquery's earlier answer, so a second enqueue of the same
     * key in one transaction hits the unique index. Two transactions queueing the same key at the same instant still meet at the
     * unique index; the later one fails with a StoreException and rolls back.
     */
    @Override
    public void enqueue(OutboxMessage m) {
        sql(() -> {
            try (PreparedStatement taken = c.prepareStatement(KEY_TAKEN)) {
                taken.setString(1, m.key());
                try (ResultSet rs = taken.executeQuery()) {
                    if (rs.next()) {
                        return 0;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(ENQUEUE)) {
                ps.setString(1, m.key());
                ps.setLong(2, m.incident());
                ps.setInt(3, m.revision());
                ps.setString(4, m.channel());
                ps.setString(5, JsonColumns.card(m.card()));
                ps.setString(6, m.change());
                ps.setString(7, JsonColumns.strings(m.mentions()));
                Jdbc.setTime(ps, 8, m.createdAt());
                Jdbc.setTime(ps, 9, m.createdAt());
                ps.setString(10, m.priority().name().toLowerCase(Locale.ROOT));
                OutboxMessage.Pacing pacing = m.pacing();
                Jdbc.setTime(ps, 11, pacing.holdUntil());
                Jdbc.setTime(ps, 12, pacing.replyAt());
                ps.setString(13, pacing.member() == null ? null : pacing.member().name());
                ps.setString(14, pacing.member() == null ? null : pacing.member().state());
                ps.setBoolean(15, pacing.ifAnnounced());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void saveTargetState(String targetId, TargetState state, Instant since) {
        sql(() -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE target_states SET state = ?, since = ? WHERE target_id = ?")) {
                up.setString(1, state.name());
                Jdbc.setTime(up, 2, since);
                up.setString(3, targetId);
                if (up.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement in = c.prepareStatement(
                    "INSERT INTO target_states (target_id, state, since) VALUES (?, ?, ?)")) {
                in.setString(1, targetId);
                in.setString(2, state.name());
                Jdbc.setTime(in, 3, since);
                in.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<String, StoredTargetState> targetStates() {
        return sql(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT target_id, state, since FROM target_states");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, StoredTargetState> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getString("target_id"), new StoredTargetState(
                            TargetState.valueOf(rs.getString("state")), Jdbc.time(rs, "since")));
                }
                return out;
            }
        });
    }

    private long next(String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(db.nextValue(sequence));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws SQLException;
    }

    private <T> T sql(Step<T> step) {
        if (!open) {
            throw new IllegalStateException("the transaction is over: use IncidentTx only inside inTransaction");
        }
        try {
            return step.run();
        } catch (SQLException e) {
            throw new StoreException("incident store: " + e.getMessage(), e);
        }
    }
}
