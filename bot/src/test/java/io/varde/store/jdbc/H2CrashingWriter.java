package io.varde.store.jdbc;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link H2FileDurabilityTest}: commits one incident to the embedded
 * database in {@code args[0]}, prints its number, and halts the JVM at once, as a crash would.
 */
final class H2CrashingWriter {

    static final int HALT_STATUS = 17;

    private H2CrashingWriter() {
    }

    public static void main(String[] args) {
        Database db = Database.open(DbSettings.embedded(Path.of(args[0])));
        long number = new JdbcIncidentStore(db).inTransaction(tx -> {
            long n = tx.nextIncidentNumber();
            tx.insert(Fixtures.minimal(n, "target:borger-dk"));
            return n;
        });
        System.out.println("incident=" + number);
        System.out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
