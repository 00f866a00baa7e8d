package io.varde.incident;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code rules/team.yaml} says: roles, routes, escalation policies and outgoing
 * webhooks, validated.
 *
 * @param team     roles and mute limits
 * @param routes   tried in order; the first that accepts an incident takes it
 * @param fallback takes what no route accepts (its matchers are empty)
 * @param policies escalation policies by name
 * @param webhooks outgoing webhooks by name ({@code webhook:<name>} channels)
 */
public record TeamConfig(Team team, List<Route> routes, Route fallback,
                         Map<String, EscalationPolicy> policies, Map<String, Webhook> webhooks) {

    public TeamConfig {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(fallback, "fallback");
        routes = List.copyOf(routes);
        policies = Map.copyOf(policies);
        webhooks = Map.copyOf(webhooks);
    }

    /** The route for an incident with {@code labels} and {@code severity}. */
    public Route routeFor(io.varde.core.Labels labels, io.varde.core.Severity severity) {
        for (Route r : routes) {
            if (r.accepts(labels, severity)) {
                return r;
            }
        }
        return fallback;
    }

    /**
     * An outgoing webhook: Varde POSTs each message as JSON.
     *
     * @param name    how channels refer to it
     * @param url     where to POST
     * @param headers extra headers (e.g. an Authorization header from {@code ${VAR}})
     */
    public record Webhook(String name, java.net.URI url, Map<String, String> headers) {

        public Webhook {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }
}
