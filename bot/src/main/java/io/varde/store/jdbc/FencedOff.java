package io.varde.store.jdbc;

/**
 * A fenced store's transaction refused, and rolled back before any work, because its node no
 * longer holds the coordinator's lease in the epoch it was fenced with: another node took over,
 * or the lease expired. Nothing of that transaction was written.
 */
public final class FencedOff extends StoreException {

    private final String node;
    private final long epoch;

    public FencedOff(String node, long epoch) {
        super("node " + node + " no longer coordinates (epoch " + epoch + ")", null);
        this.node = node;
        this.epoch = epoch;
    }

    /** The node whose lease the store was fenced with. */
    public String node() {
        return node;
    }

    /** The epoch it was fenced with. */
    public long epoch() {
        return epoch;
    }
}
