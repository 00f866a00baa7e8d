package io.varde.intel;

import java.util.List;
import java.util.Objects;

/**
 * A claim as stored, with the targets it hit when it arrived.
 *
 * @param id      the store's number, shown as {@code C-12}
 * @param claim   the claim
 * @param matches the monitored targets it hits; empty when it hits none (it is kept anyway)
 */
public record StoredClaim(long id, Claim claim, List<ClaimMatch> matches) {

    public static final String PREFIX = "C-";

    public StoredClaim {
        Objects.requireNonNull(claim, "claim");
        matches = List.copyOf(matches);
    }

    /** e.g. {@code C-12}. */
    public String ref() {
        return PREFIX + id;
    }

    /** The ids of the targets it hits. */
    public List<String> targetIds() {
        return matches.stream().map(ClaimMatch::targetId).toList();
    }
}
