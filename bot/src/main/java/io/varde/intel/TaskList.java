package io.varde.intel;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One snapshot of an attack tool's task list (DDoSia): which hosts the group told its volunteers
 * to attack, and how.
 *
 * @param source     where it came from, e.g. a file name or URL
 * @param observedAt when the snapshot was taken (from the file name, or when it was fetched)
 * @param tasks      one per request template, in the list's order; hosts repeat
 * @param skipped    rows that could not be read, each with why (the list is dirty by nature)
 */
public record TaskList(String source, Instant observedAt, List<Task> tasks, List<String> skipped) {

    public TaskList {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        tasks = List.copyOf(tasks);
        skipped = List.copyOf(skipped);
    }

    /**
     * One request template.
     *
     * @param host   the host field as written (may be malformed: {@code tv2.dk/tv2.dk})
     * @param ip     the address the tool sends to, as written
     * @param type   {@code http}, {@code http2}, {@code tcp}, {@code nginx_loris}, ...
     * @param method HTTP method, or empty
     * @param port   target port
     * @param tls    whether TLS is used
     * @param path   the attacked path with the tool's placeholders ({@code /search?q=$_1}); empty
     *               for the home page or a non-HTTP attack
     */
    public record Task(String host, String ip, String type, String method, int port, boolean tls, String path) {

        public Task {
            Objects.requireNonNull(host, "host");
            ip = ip == null ? "" : ip;
            type = type == null ? "" : type;
            method = method == null ? "" : method;
            path = path == null ? "" : path;
        }
    }

    /** The attacked paths of each host, hosts keyed by {@code key} (e.g. a normalised host), in order. */
    public Map<String, Set<String>> pathsByHost(java.util.function.Function<String, String> key) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Task t : tasks) {
            String k = key.apply(t.host());
            if (k != null) {
                out.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(t.path());
            }
        }
        out.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return Collections.unmodifiableMap(out);
    }
}
