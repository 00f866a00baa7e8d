package io.varde.store.jdbc;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a store test class on each {@link TestDatabases.Kind}: all of them on H2,
 * then all of them on PostgreSQL, each database opened once for its run and closed after it
 * (starting PostgreSQL takes seconds). Subclasses empty the tables before each test
 * ({@link TestDatabases#clean}).
 *
 * <p>Display names (IDE, JUnit console) carry the database: {@code [h2]}, {@code [postgres]}.
 * Surefire 3.5 names a run by its index instead, in the enum's order: {@code OutboxStoreTest[1]}
 * is H2, {@code [2]} PostgreSQL; and its per-class {@code .txt} summary says "Tests run: 0" (each
 * run is counted on its own line of the console and in the XML's test cases).
 *
 * <p>The open database is static because JUnit opens it in a static method; test classes run one
 * at a time here (no parallel execution is configured), so one field serves them all.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabases.Kind.class)
abstract class OnBothDatabases {

    private static TestDatabases.Opened opened;

    /** The database of this run. */
    @Parameter
    TestDatabases.Kind kind;

    @BeforeParameterizedClassInvocation
    static void openDatabase(TestDatabases.Kind kind, @TempDir Path dataDir) {
        opened = kind.open(dataDir);
    }

    @AfterParameterizedClassInvocation
    static void closeDatabase() throws IOException {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }

    /** The open database of this run. */
    Database db() {
        return opened.db();
    }

    /** A new, empty database of this run's kind, named {@code name} (new in this run). */
    DbSettings freshDatabase(String name) {
        return opened.fresh(name);
    }
}
