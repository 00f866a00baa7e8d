package io.varde.intel;

import io.varde.check.Target;
import java.util.Objects;

/**
 * A monitored target hit by a claimed or tasked host, and why.
 *
 * @param target the target
 * @param reason the strongest reason it matched
 * @param detail the reason in words, e.g. {@code "same registrable domain skat.dk"}
 */
public record Match(Target target, Reason reason, String detail) {

    /** Why a host hits a target, strongest first. */
    public enum Reason {
        /** The target's own host, ignoring a leading {@code www.}. */
        HOST,
        /** One of the target's aliases, ignoring a leading {@code www.}. */
        ALIAS,
        /** The same registrable domain (same organisation) as the target's host or an alias. */
        REGISTRABLE_DOMAIN,
        /** An IP address the target resolved to. */
        IP
    }

    public Match {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
