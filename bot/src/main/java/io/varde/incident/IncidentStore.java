package io.varde.incident;

import java.util.function.Function;

/**
 * The port to durable incident data. Everything read and written inside one {@link
 * #inTransaction} call commits together or not at all, so an incident change, its timeline
 * entries and its outbox messages are never seen apart.
 */
public interface IncidentStore {

    /**
     * Runs {@code work} in one transaction and commits; rolls back and rethrows when it throws.
     * Serialisable enough for one writer at a time per incident: conditional updates
     * ({@link IncidentTx#update}) detect a concurrent writer.
     */
    <T> T inTransaction(Function<IncidentTx, T> work);
}
