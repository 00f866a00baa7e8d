package io.varde.check;

import io.varde.core.Labels;

/**
 * A place targets are checked from: the nodes of the cluster ({@link #HOME} unless named), or a
 * probe agent in another network ({@code varde probe}). Declared in {@code rules/vantage.yaml}.
 *
 * @param name          {@code [a-z0-9-]+}, e.g. {@code fra}
 * @param country       ISO 3166-1 alpha-2 code, lower case (e.g. {@code de}), or null when not said
 * @param labels        free labels, e.g. {@code provider: hetzner}
 * @param sourceAddress the local IP address its probes leave from, or null for the system's choice
 * @param agent         true for a probe agent, false for the nodes' own location
 */
public record Location(String name, String country, Labels labels, String sourceAddress, boolean agent) {

    /** The name of the nodes' own location when {@code vantage.yaml} does not name it. */
    public static final String HOME = "home";

    /** The nodes' own location when nothing is declared: {@code home}, no country. */
    public static Location home() {
        return new Location(HOME, null, Labels.empty(), null, false);
    }
}
