package io.varde.app;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Quartz's connections for the clustered check shards, from the node's pool (which the node closes). */
record QuartzConnections(DataSource dataSource) implements ConnectionProvider {

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool is the node's; it closes it
    }

    @Override
    public void initialize() {
    }
}
