package io.varde.core;

import java.time.Instant;

/**
 * Keys seen once across every process sharing it, each until it expires: the memory that lets a
 * request be run once however many times it arrives (a replayed Slack request, Slack's retry).
 * {@link MemoryOnceKeys} serves one process; a cluster shares one through its database, so a
 * request run by one node is recognised when it reaches another. Time is an input.
 */
public interface OnceKeys {

    /**
     * True the first time {@code key} is offered before {@code expiresAt}; false when it was seen
     * and has not expired. Thread-safe.
     *
     * @param key       what identifies the request (callers prefix it with what it is, e.g.
     *                  {@code slack-signature:}, so that users of one store never collide)
     * @param expiresAt until when (inclusive) the key is remembered once it is new
     * @param now       the time of the request
     */
    boolean first(String key, Instant expiresAt, Instant now);
}
