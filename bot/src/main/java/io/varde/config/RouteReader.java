package io.varde.config;

import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.incident.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code routes:} and {@code default:} of {@code team.yaml}. A route without
 * {@code match} takes every incident of its severity; without {@code channels} it posts to
 * {@code [console]}; {@code channels: []} with no policy records incidents without announcing
 * them. {@code default:} is a route without name, match or severity floor: it takes what no
 * route takes.
 */
final class RouteReader {

    /** The name of the fallback route, reserved. */
    static final String FALLBACK = "default";
    static final List<String> DEFAULT_CHANNELS = List.of("console");

    private static final List<String> ROUTE_KEYS = List.of("name", "match", "min-severity",
            "channels", "policy", "group-by", "remind-every", "group-wait", "thread-interval");
    private static final List<String> FALLBACK_KEYS =
            List.of("channels", "policy", "group-by", "remind-every", "group-wait", "thread-interval");
    /** The longest {@code group-wait} and {@code thread-interval}: past that an alert is late. */
    static final Duration MAX_PACING = Duration.ofMinutes(10);
    private static final List<Severity> SEVERITIES =
            List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO);

    private final Values values;
    private final Collection<String> policies;
    private final Collection<String> webhooks;

    /**
     * @param policies the policy names defined (valid or not: a route naming a broken policy is
     *                 not reported again)
     * @param webhooks the webhook names defined
     */
    RouteReader(Values values, Collection<String> policies, Collection<String> webhooks) {
        this.values = values;
        this.policies = policies;
        this.webhooks = webhooks;
    }

    /** The routes in {@code items}, in order, with unique names. */
    List<Route> routes(List<Node> items) {
        List<Route> routes = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "routes[" + i + "]";
            Optional<MappingNode> mapping = values.mapping(items.get(i), path);
            if (mapping.isEmpty()) {
                continue;
            }
            YamlMap r = new YamlMap(mapping.get(), path, values);
            r.rejectUnknown(ROUTE_KEYS);
            Optional<String> name = name(r);
            name.filter(n -> names.containsKey(n)).ifPresent(n -> r.problems().add(
                    r.get("name").orElseThrow(), r.pathOf("name"), "duplicate route name \"" + n
                            + "\": already used by " + paths.get(n) + " on line "
                            + Problems.lineOf(names.get(n))));
            name.ifPresent(n -> {
                names.putIfAbsent(n, r.get("name").orElseThrow());
                paths.putIfAbsent(n, path);
            });
            Optional<Matchers> matchers = r.has("match") ? matchers(r, "match")
                    : Optional.of(none());
            Optional<Severity> severity = r.has("min-severity") ? severity(r, "min-severity")
                    : Optional.of(Severity.INFO);
            Optional<Delivery> delivery = delivery(r);
            if (name.isPresent() && matchers.isPresent() && severity.isPresent()
                    && delivery.isPresent()) {
                routes.add(delivery.get().route(name.get(), matchers.get(), severity.get()));
            }
        }
        return routes;
    }

    /** The fallback route from {@code default:}; empty when it is invalid (reported). */
    Optional<Route> fallback(YamlMap d) {
        d.rejectUnknown(FALLBACK_KEYS, key -> ROUTE_KEYS.contains(key)
                ? "not allowed under `default`, which takes every incident no route takes" : null);
        return delivery(d).map(x -> x.route(FALLBACK, none(), Severity.INFO));
    }

    /** The fallback route when {@code default:} is absent. */
    static Route defaultFallback() {
        return new Route(FALLBACK, none(), Severity.INFO, DEFAULT_CHANNELS, null, List.of(), null);
    }

    /** What a route does with the incidents it takes. */
    private record Delivery(List<String> channels, String policy, List<String> groupBy,
                            Duration remindEvery, Duration groupWait, Duration threadInterval) {

        Route route(String name, Matchers matchers, Severity minSeverity) {
            return new Route(name, matchers, minSeverity, channels, policy, groupBy, remindEvery, groupWait,
                    threadInterval);
        }
    }

    /** Channels, policy, group-by, remind-every, group-wait and thread-interval of {@code r}, with their defaults. */
    private Optional<Delivery> delivery(YamlMap r) {
        Optional<List<String>> channels = r.has("channels")
                ? TeamLists.channels(r, "channels", webhooks) : Optional.of(DEFAULT_CHANNELS);
        Optional<String> policy = r.has("policy") ? policy(r) : Optional.of("");
        Optional<List<String>> groupBy = r.has("group-by")
                ? TeamLists.labelNames(r, "group-by") : Optional.of(List.of());
        Optional<Duration> remind = r.has("remind-every")
                ? r.duration("remind-every", d -> !d.isZero(), "must be more than 0")
                : Optional.of(Duration.ZERO);
        Optional<Duration> groupWait = pacing(r, "group-wait", Route.GROUP_WAIT);
        Optional<Duration> threadInterval = pacing(r, "thread-interval", Route.THREAD_INTERVAL);
        if (channels.isEmpty() || policy.isEmpty() || groupBy.isEmpty() || remind.isEmpty()
                || groupWait.isEmpty() || threadInterval.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Delivery(channels.get(),
                policy.get().isEmpty() ? null : policy.get(), groupBy.get(),
                remind.get().isZero() ? null : remind.get(), groupWait.get(), threadInterval.get()));
    }

    /** A pacing duration ({@code 0s} turns it off), at most {@link #MAX_PACING}. */
    private static Optional<Duration> pacing(YamlMap r, String key, Duration fallback) {
        return r.has(key)
                ? r.duration(key, d -> d.compareTo(MAX_PACING) <= 0, "must be at most 10m (0s turns it off)")
                : Optional.of(fallback);
    }

    private static Optional<String> name(YamlMap r) {
        if (!r.has("name")) {
            r.missing("name");
            return Optional.empty();
        }
        return r.text("name").filter(n -> {
            String problem = TeamLists.nameProblem(n, "route", "government");
            if (problem == null && n.equals(FALLBACK)) {
                problem = "the name \"" + FALLBACK + "\" is reserved for the route under `default`";
            }
            if (problem != null) {
                r.problems().add(r.get("name").orElseThrow(), r.pathOf("name"), problem);
            }
            return problem == null;
        });
    }

    /** The Alertmanager matchers at {@code key} (also used by correlation rules). */
    static Optional<Matchers> matchers(YamlMap r, String key) {
        return r.text(key).flatMap(text -> {
            try {
                return Optional.of(Matchers.parse(text));
            } catch (IllegalArgumentException e) {
                r.problems().add(r.get(key).orElseThrow(), r.pathOf(key),
                        "invalid matcher: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The severity at {@code key}: critical, warning or info (also used by correlation rules). */
    static Optional<Severity> severity(YamlMap r, String key) {
        return r.text(key).flatMap(text -> {
            for (Severity s : SEVERITIES) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return Optional.of(s);
                }
            }
            r.problems().add(r.get(key).orElseThrow(), r.pathOf(key),
                    "unknown severity \"" + text + "\"; expected one of: critical, warning, info");
            return Optional.empty();
        });
    }

    private Optional<String> policy(YamlMap r) {
        return r.text("policy").filter(p -> {
            if (policies.contains(p)) {
                return true;
            }
            String hint = Suggestions.closest(p, policies).map(s -> "; did you mean `" + s + "`?")
                    .orElse(": define it under `policies`");
            r.problems().add(r.get("policy").orElseThrow(), r.pathOf("policy"),
                    "no policy named \"" + p + "\"" + hint);
            return false;
        });
    }

    private static Matchers none() {
        return new Matchers(List.of());
    }
}
