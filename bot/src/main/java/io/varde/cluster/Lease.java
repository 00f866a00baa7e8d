package io.varde.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * The coordinator's lease as stored: who holds it, in which term, and until when (database time).
 * The epoch grows by one with every new term, so a deposed coordinator's writes, fenced with its
 * old epoch, are refused even when it does not know yet that it lost the lease.
 *
 * @param holder    the node that holds or last held it
 * @param epoch     the term, 1 for the first
 * @param since     when this term began
 * @param expiresAt when it ends unless renewed
 */
public record Lease(String holder, long epoch, Instant since, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when {@code node} holds (or last held) this lease; see {@link #validAt} for whether it still does. */
    public boolean heldBy(String node) {
        return holder.equals(node);
    }

    /** True while the lease has not expired at {@code now} (database time); at {@code expiresAt} it has. */
    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
