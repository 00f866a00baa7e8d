package io.varde.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route for a method and a path; pure. A path no route has is not found (404); a path
 * some route has, asked with another method, is a wrong method (405, with the methods it allows).
 * When a literal route and a parameter route both fit ({@code /api/targets/summary} and
 * {@code /api/targets/{id}}), the one with fewer parameters wins.
 */
final class Router {

    /** The outcome of {@link #resolve}. */
    sealed interface Resolution {
    }

    /** @param params the path parameters, decoded */
    record Found(Route route, Map<String, String> params) implements Resolution {
    }

    record NotFound() implements Resolution {
    }

    /** @param allowed the methods the path has, sorted */
    record WrongMethod(Set<String> allowed) implements Resolution {
    }

    private final List<Route> routes;

    /** @throws IllegalArgumentException when two routes have the same method and path */
    Router(List<Route> routes) {
        Set<String> seen = new HashSet<>();
        for (Route r : routes) {
            if (!seen.add(r.method() + " " + r.path())) {
                throw new IllegalArgumentException("two routes for " + r);
            }
        }
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt(Route::parameterCount));
        this.routes = List.copyOf(sorted);
    }

    /** @param rawPath the request's path as sent (percent-encoded), without the query */
    Resolution resolve(String method, String rawPath) {
        List<String> segments = Route.segments(rawPath);
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(Route.segments(route.path()), segments);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Found(route, params.get());
                }
                allowed.add(route.method());
            }
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(Collections.unmodifiableSet(allowed));
    }

    private static Optional<Map<String, String>> match(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String s = segments.get(i);
            if (t.startsWith("{")) {
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 1), decode(s));
            } else if (!t.equals(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Percent-decoding of a path segment ({@code +} is a plus in a path, not a space). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
