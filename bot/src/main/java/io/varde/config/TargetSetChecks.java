package io.varde.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that need all targets at once: ids are unique, and a host name threat intel may
 * report is owned by one target only (an alias may not be another target's alias or host).
 * Two targets may share a host of their own: a site's home page and its login path, or its
 * HTTP and DNS checks, are separate targets on purpose.
 */
final class TargetSetChecks {

    private TargetSetChecks() {
    }

    static void check(List<TargetDraft> drafts, Problems problems) {
        uniqueIds(drafts, problems);
        uniqueAliases(drafts, problems);
    }

    private static void uniqueIds(List<TargetDraft> drafts, Problems problems) {
        Map<String, TargetDraft> seen = new HashMap<>();
        for (TargetDraft d : drafts) {
            if (d.id() == null) {
                continue;
            }
            TargetDraft first = seen.putIfAbsent(d.id(), d);
            if (first != null) {
                problems.add(d.idNode(), d.path() + ".id", "duplicate id \"" + d.id()
                        + "\": already used by " + first.path() + " on line "
                        + Problems.lineOf(first.idNode()));
            }
        }
    }

    private static void uniqueAliases(List<TargetDraft> drafts, Problems problems) {
        Map<String, TargetDraft> hostOwners = new HashMap<>();
        for (TargetDraft d : drafts) {
            if (d.host() != null) {
                hostOwners.putIfAbsent(d.host(), d);
            }
        }
        Map<String, TargetDraft> aliasOwners = new HashMap<>();
        for (TargetDraft d : drafts) {
            for (TargetDraft.Alias a : d.aliases()) {
                TargetDraft hostOwner = hostOwners.get(a.name());
                TargetDraft aliasOwner = aliasOwners.putIfAbsent(a.name(), d);
                if (hostOwner != null && !a.name().equals(d.host())) {
                    problems.add(a.node(), a.key(), "alias \"" + a.name() + "\" is the host of "
                            + hostOwner.describe());
                } else if (aliasOwner != null && aliasOwner != d) {
                    problems.add(a.node(), a.key(), "alias \"" + a.name()
                            + "\" is already an alias of " + aliasOwner.describe());
                }
            }
        }
    }
}
