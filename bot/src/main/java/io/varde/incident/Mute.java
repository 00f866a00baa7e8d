package io.varde.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * A silence with an end time. Muted incidents are still recorded and their resolution is still
 * announced; they neither escalate nor remind while muted.
 *
 * @param number   the {@code n} of {@code M-n}
 * @param scope    what it silences
 * @param startsAt when it was set
 * @param endsAt   when it expires by itself
 * @param by       who set it
 * @param reason   why (may be empty)
 * @param endedAt  when it ended early (unmute) or was marked expired, or null while active
 * @param endedBy  who ended it (the system for expiry), or null
 */
public record Mute(long number, MuteScope scope, Instant startsAt, Instant endsAt, Actor by,
                   String reason, Instant endedAt, Actor endedBy) {

    public static final String PREFIX = "M-";

    public Mute {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(by, "by");
        reason = reason == null ? "" : reason;
    }

    public String id() {
        return PREFIX + number;
    }

    /** True while it silences: not ended and not past its end time. */
    public boolean activeAt(Instant now) {
        return endedAt == null && now.isBefore(endsAt);
    }

    public Mute end(Instant at, Actor who) {
        return new Mute(number, scope, startsAt, endsAt, by, reason, at, who);
    }
}
