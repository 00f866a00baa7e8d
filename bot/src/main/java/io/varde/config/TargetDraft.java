package io.varde.config;

import io.varde.check.Target;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * What one target entry yielded, kept for the checks across targets (unique ids, alias clashes)
 * that a single entry cannot make.
 *
 * @param path    {@code targets[i]}
 * @param id      the id, or null when missing or invalid
 * @param idNode  where the id is written, or null
 * @param host    the normalised host the target probes, or null when its spec is invalid
 * @param aliases the valid aliases, normalised, each with where it is written
 * @param target  the complete target, or null when anything about the entry is invalid
 */
record TargetDraft(String path, String id, Node idNode, String host, List<Alias> aliases,
                   Target target) {

    TargetDraft {
        aliases = List.copyOf(aliases);
    }

    /** An alias, where it is written, and its key path ({@code targets[1].aliases[0]}). */
    record Alias(String name, Node node, String key) {
    }

    /** {@code target borger-dk (targets[0])}, or just the path when the id is unusable. */
    String describe() {
        return id == null ? path : "target " + id + " (" + path + ")";
    }
}
