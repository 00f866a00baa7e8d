package io.varde.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The intel store contract on the embedded H2 file database. */
class H2IntelStoreTest extends IntelStoreContract {

    @TempDir
    static Path dataDir;
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DbSettings.embedded(dataDir));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    Database db() {
        return db;
    }
}
