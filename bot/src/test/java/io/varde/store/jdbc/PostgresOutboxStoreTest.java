package io.varde.store.jdbc;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox store contract on a real PostgreSQL. */
class PostgresOutboxStoreTest extends OutboxStoreContract {

    private static TestDatabases.Postgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestDatabases.Postgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Override
    Database db() {
        return postgres.db();
    }
}
