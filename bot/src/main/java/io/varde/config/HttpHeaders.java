package io.varde.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the {@code headers:} mapping of an HTTP target. Names must be HTTP tokens and are unique
 * regardless of case; values are single-line text. Headers the JDK HTTP client always sets itself
 * are refused here, because setting them would make every probe of the target fail at run time.
 * {@code Host} (to probe an origin address under the site's name) and {@code Connection} (to opt
 * out of a fresh connection per check with {@code keep-alive}) are allowed: the prober permits them.
 */
final class HttpHeaders {

    /** java.net.http refuses these (its restricted set, less what the prober allows). */
    static final List<String> REFUSED = List.of("Content-Length", "Expect", "Upgrade");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VALUE = Pattern.compile("[\\t\\x20-\\x7e\\x80-\\x{10FFFF}]*");

    private HttpHeaders() {
    }

    /** The headers, or empty when one is invalid (every problem is reported). */
    static Optional<Map<String, String>> read(YamlMap headers) {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        boolean ok = true;
        for (String name : headers.keys()) {
            String key = headers.pathOf(name);
            Optional<String> value = headers.text(name);
            String problem = nameProblem(name, seen);
            if (problem != null) {
                headers.problems().add(headers.keyNode(name), key, problem);
                ok = false;
            } else if (value.isPresent() && !VALUE.matcher(value.get()).matches()) {
                headers.problems().add(headers.get(name).orElseThrow(), key,
                        "header value must not contain line breaks or other control characters");
                ok = false;
            }
            seen.putIfAbsent(name, "line " + Problems.lineOf(headers.keyNode(name)));
            if (value.isEmpty()) {
                ok = false;
            } else {
                result.put(name, value.get());
            }
        }
        return ok ? Optional.of(result) : Optional.empty();
    }

    private static String nameProblem(String name, Map<String, String> seen) {
        if (!TOKEN.matcher(name).matches()) {
            return "invalid header name \"" + name + "\": use letters, digits and - only";
        }
        for (String refused : REFUSED) {
            if (refused.equalsIgnoreCase(name)) {
                return "header " + refused + " cannot be set: the HTTP client sets it itself";
            }
        }
        if (seen.containsKey(name)) {
            return "header given twice (header names ignore case; first on " + seen.get(name) + ")";
        }
        return null;
    }
}
