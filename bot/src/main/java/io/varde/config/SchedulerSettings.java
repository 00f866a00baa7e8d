package io.varde.config;

/**
 * How checks are spread over time and capped, from the {@code scheduler:} section.
 *
 * @param shards        how many shard jobs targets are hashed into (1..1024); more shards spread
 *                      work more evenly over the nodes of a cluster: the default 60 divides
 *                      evenly over 2, 3, 4 and 5 nodes
 * @param maxConcurrent checks in flight at once over all targets (at least 1)
 * @param maxPerHost    checks in flight at once against one host (at least 1), so that the bot
 *                      never adds noticeable load to a site that is already under attack
 */
public record SchedulerSettings(int shards, int maxConcurrent, int maxPerHost) {

    /** The values used for every key the config leaves out. */
    public static final SchedulerSettings DEFAULTS = new SchedulerSettings(60, 512, 4);
}
