package io.varde.store.jdbc;

/**
 * A database failure (an {@link java.sql.SQLException} underneath), unchecked so that the store
 * ports stay free of JDBC. The transaction it happened in has been rolled back.
 */
public class StoreException extends RuntimeException {

    private final String sqlState;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.sqlState = cause instanceof java.sql.SQLException e ? e.getSQLState() : null;
    }

    /** The SQLSTATE of the underlying error (e.g. {@code 23505}, a unique violation), or null. */
    public String sqlState() {
        return sqlState;
    }
}
