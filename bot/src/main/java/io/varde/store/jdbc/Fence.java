package io.varde.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a fenced store checks at the start of each of its transactions, on that transaction's
 * connection, before any work: the coordinator's stores are fenced with its lease
 * ({@link JdbcClusterStore#fence}), so a node that lost the lease without knowing it (paused,
 * cut off) cannot write after the next coordinator took over. A failed check throws
 * ({@link FencedOff}), which rolls the transaction back.
 */
@FunctionalInterface
public interface Fence {

    /** No check: a single node, or a store any node may use. */
    Fence NONE = c -> { };

    /** Throws when this transaction must not run; may lock what it checks until the transaction ends. */
    void check(Connection c) throws SQLException;
}
