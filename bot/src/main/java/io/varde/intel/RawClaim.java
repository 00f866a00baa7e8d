package io.varde.intel;

import java.time.Instant;
import java.util.List;

/**
 * A claim as a source gives it, before its host fields are read: what the webhook's JSON, a feed
 * post or a chat command carries. {@link Claims#read} makes a {@link Claim} of it.
 *
 * @param hosts raw host fields: host names, IPs, URLs, possibly dirty ({@code WWW.TRM.DK.})
 * @param claimedAt when claimed, or null when the source does not say (then: observed)
 * @see Claim for the other fields
 */
public record RawClaim(ClaimSource source, String sourceName, String ref, String actor, Instant claimedAt,
                       Instant observedAt, List<String> hosts, List<String> paths, List<String> links,
                       String text) {

    public RawClaim {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        paths = paths == null ? List.of() : List.copyOf(paths);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
