package io.varde.store.jdbc;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The intel store contract on a real PostgreSQL. */
class PostgresIntelStoreTest extends IntelStoreContract {

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
