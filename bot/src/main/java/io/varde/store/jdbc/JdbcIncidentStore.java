package io.varde.store.jdbc;

import io.varde.incident.IncidentStore;
import io.varde.incident.IncidentTx;
import java.util.Objects;
import java.util.function.Function;

/**
 * The incident store on JDBC. Each {@link #inTransaction} call takes one pooled connection,
 * runs the work at the database's default isolation (read committed on both H2 and
 * PostgreSQL) and commits; conditional updates on the revision ({@link IncidentTx#update}) and a
 * unique index on the key of unresolved incidents keep concurrent writers from overwriting each
 * other. Work that throws a {@link RuntimeException} rolls everything back, and the exception is
 * rethrown unchanged; database errors become {@link StoreException}.
 */
public final class JdbcIncidentStore implements IncidentStore {

    private final Database db;
    private final Fence fence;

    /** An unfenced store (a single node). */
    public JdbcIncidentStore(Database db) {
        this(db, Fence.NONE);
    }

    /** A store whose every transaction checks {@code fence} first (the coordinator's). */
    public JdbcIncidentStore(Database db, Fence fence) {
        this.db = Objects.requireNonNull(db, "db");
        this.fence = Objects.requireNonNull(fence, "fence");
    }

    /**
     * {@inheritDoc}
     * <p>
     * A fenced store checks its fence first and throws {@link FencedOff} without running
     * {@code work} when it fails.
     */
    @Override
    public <T> T inTransaction(Function<IncidentTx, T> work) {
        return Jdbc.transaction(db.dataSource(), fence, "incident transaction", c -> {
            JdbcIncidentTx tx = new JdbcIncidentTx(c, db);
            try {
                return work.apply(tx);
            } finally {
                tx.close();
            }
        });
    }
}
