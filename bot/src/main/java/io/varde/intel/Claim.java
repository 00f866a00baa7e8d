package io.varde.intel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A public claim of an attack, or a host newly on a task list, normalised. Built by
 * {@link Claims#read}, which reads the raw host fields and says which it refused.
 *
 * @param source     what kind of source it came from
 * @param sourceName which one: a feed's or task list's name from {@code rules/intel.yaml}, the
 *                   webhook caller's {@code source}, or the chat user for a manual claim
 * @param ref        the source's own id for it (a feed entry's guid, the webhook's {@code id}),
 *                   so that the same claim read twice is stored once; empty when it has none
 * @param actor      who claims the attack, e.g. {@code NoName057(16)}; empty when unknown
 * @param claimedAt  when the actor claimed it (the post's time); {@code observedAt} when unknown
 * @param observedAt when Varde learnt of it
 * @param hosts      the hosts (and IP literals) claimed, normalised, distinct, at least one
 * @param paths      attacked paths, e.g. {@code /search}; may be empty
 * @param links      proof links (the post, a screenshot); may be empty
 * @param text       the raw text as received (a post, a note), possibly empty
 */
public record Claim(ClaimSource source, String sourceName, String ref, String actor, Instant claimedAt,
                    Instant observedAt, List<HostName> hosts, List<String> paths, List<String> links,
                    String text) {

    public Claim {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(observedAt, "observedAt");
        ref = ref == null ? "" : ref;
        actor = actor == null ? "" : actor;
        text = text == null ? "" : text;
        hosts = List.copyOf(hosts);
        paths = List.copyOf(paths);
        links = List.copyOf(links);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a claim names at least one host");
        }
    }

    /** The IP literals among {@link #hosts()}. */
    public List<String> ips() {
        return hosts.stream().filter(HostName::ip).map(HostName::host).toList();
    }

    /** The actor, or {@code "unknown actor"}. */
    public String actorOrUnknown() {
        return actor.isEmpty() ? "unknown actor" : actor;
    }
}
