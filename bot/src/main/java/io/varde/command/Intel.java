package io.varde.command;

import io.varde.intel.IntelIntake;
import io.varde.intel.RawClaim;
import io.varde.intel.StoredClaim;
import java.util.List;
import java.time.Instant;
import java.util.Objects;

/**
 * Threat intel as the {@code claim} and {@code claims} commands need it (port): record one claim,
 * read what came in recently. {@link #of(IntelIntake)} adapts the intake; tests may give their
 * own. The executor works without it: both commands then answer that intel is not enabled.
 */
public interface Intel {

    /**
     * Reads, matches and stores {@code raw}. A claim with a host field that names no host is
     * refused whole (the receipt has no claim and says why): a person typed it and can fix it.
     */
    IntelIntake.Receipt claim(RawClaim raw);

    /** Claims and task lists observed at or after {@code since}, newest first, at most {@code limit} of each. */
    IntelIntake.Recent recent(Instant since, int limit);

    /** Claims hitting {@code targetId} observed at or after {@code since}, newest first (for {@code status}). */
    List<StoredClaim> claimsOn(String targetId, Instant since);

    /** {@code intake} as the commands' port; claims are read strictly. */
    static Intel of(IntelIntake intake) {
        Objects.requireNonNull(intake, "intake");
        return new Intel() {
            @Override
            public IntelIntake.Receipt claim(RawClaim raw) {
                return intake.claim(raw, true);
            }

            @Override
            public IntelIntake.Recent recent(Instant since, int limit) {
                return intake.recent(since, limit);
            }

            @Override
            public List<StoredClaim> claimsOn(String targetId, Instant since) {
                return intake.claimsOn(targetId, since);
            }
        };
    }
}
