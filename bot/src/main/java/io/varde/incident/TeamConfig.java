package io.varde.incident;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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

    /** Every channel a route or an escalation level names, once each, in file order. */
    public Set<String> channels() {
        Set<String> out = new LinkedHashSet<>();
        routes.forEach(r -> out.addAll(r.channels()));
        out.addAll(fallback.channels());
        policies.values().forEach(p -> p.levels().forEach(l -> out.addAll(l.channels())));
        return out;
    }

    /**
     * This config with {@code channel} (e.g. {@code slack:C0123}) added to every route, the
     * fallback included, that names no channel of its platform: a platform's default channel
     * gets every alert that no route sends to that platform. Escalation levels are unchanged.
     */
    public TeamConfig withDefaultChannel(String channel) {
        String platform = channel.substring(0, channel.indexOf(':') + 1);
        UnaryOperator<Route> add = r -> r.channels().stream().anyMatch(c -> c.startsWith(platform)) ? r
                : r.withChannels(Stream.concat(r.channels().stream(), Stream.of(channel)).toList());
        return new TeamConfig(team, routes.stream().map(add).toList(), add.apply(fallback), policies, webhooks);
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
