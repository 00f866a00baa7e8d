package io.varde.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One endpoint: an HTTP method and a path, answered by a handler. A path is literal segments and
 * whole-segment parameters, e.g. {@code /api/targets/{id}} ({@link Request#param(String)} gives
 * {@code id}). Endpoints plug into {@link WebServer} with one line each:
 * {@code Route.get("/healthz", r -> Response.json(200, ...))}.
 *
 * @param method  upper case, e.g. {@code GET}
 * @param path    starts with {@code /}; no query, no trailing {@code /} (except {@code /} itself)
 * @param handler what answers
 */
public record Route(String method, String path, Handler handler) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern PARAM = Pattern.compile("\\{[a-z][A-Za-z0-9_]*}");

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("method must be upper case letters: " + method);
        }
        if (!path.startsWith("/") || path.contains("?") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("path must start with / and have no query or trailing /: " + path);
        }
        for (String segment : segments(path)) {
            if (segment.contains("{") && !PARAM.matcher(segment).matches()) {
                throw new IllegalArgumentException("a parameter is a whole segment like {id}: " + path);
            }
        }
    }

    public static Route get(String path, Handler handler) {
        return new Route("GET", path, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route("POST", path, handler);
    }

    /** How many segments are parameters (literal routes win over parameter routes). */
    int parameterCount() {
        return (int) segments(path).stream().filter(s -> s.startsWith("{")).count();
    }

    /** The path's segments: {@code /api/claims} -> {@code [api, claims]}; {@code /} -> {@code []}. */
    static List<String> segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }

    @Override
    public String toString() {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }
}
