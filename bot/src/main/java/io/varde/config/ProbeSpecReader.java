package io.varde.config;

import io.varde.check.CheckKind;
import io.varde.check.DnsSpec;
import io.varde.check.HttpSpec;
import io.varde.check.ProbeSpec;
import io.varde.check.TcpSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the kind-specific keys of a target into its {@link ProbeSpec}. */
final class ProbeSpecReader {

    /** The keys each kind owns; a key of another kind on a target is an error naming its kind. */
    static final Map<CheckKind, List<String>> KEYS = Map.of(
            CheckKind.HTTP, List.of("url", "method", "headers", "body", "follow-redirects",
                    "verify-tls"),
            CheckKind.TCP, List.of("address"),
            CheckKind.DNS, List.of("host", "query-type", "server"));

    static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final List<String> QUERY_TYPES =
            List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "PTR", "SRV", "CAA");

    private ProbeSpecReader() {
    }

    /** The spec of target {@code t} of {@code kind}, or empty when a key is invalid (reported). */
    static Optional<ProbeSpec> read(YamlMap t, CheckKind kind) {
        return switch (kind) {
            case HTTP -> http(t);
            case TCP -> tcp(t);
            case DNS -> dns(t);
        };
    }

    /** The kind whose key {@code key} is, if any. */
    static Optional<CheckKind> kindOwning(String key) {
        return KEYS.entrySet().stream().filter(e -> e.getValue().contains(key))
                .map(Map.Entry::getKey).findFirst();
    }

    private static Optional<ProbeSpec> http(YamlMap t) {
        Optional<URI> url = required(t, "url").flatMap(text -> url(t, text));
        Optional<String> method = t.has("method") ? t.text("method").flatMap(m -> oneOf(t,
                "method", m, METHODS, "unknown method")) : Optional.of("GET");
        Optional<Map<String, String>> headers = t.has("headers")
                ? t.map("headers").flatMap(HttpHeaders::read) : Optional.of(Map.of());
        Optional<String> body = t.has("body") ? t.text("body") : Optional.of("");
        Optional<Boolean> follow = t.has("follow-redirects") ? t.bool("follow-redirects")
                : Optional.of(true);
        Optional<Boolean> verify = t.has("verify-tls") ? t.bool("verify-tls") : Optional.of(true);
        if (url.isEmpty() || method.isEmpty() || headers.isEmpty() || body.isEmpty()
                || follow.isEmpty() || verify.isEmpty()) {
            return Optional.empty();
        }
        String bodyText = t.has("body") ? body.get() : null;
        return Optional.of(new HttpSpec(url.get(), method.get(), headers.get(), bodyText,
                follow.get(), verify.get()));
    }

    /** {@code text} as an absolute http(s) URL with a host; reported on {@code url} of {@code t}. */
    static Optional<URI> url(YamlMap t, String text) {
        return url(t, "url", text);
    }

    /** {@code text} as an absolute http(s) URL with a host; reported on {@code field} of {@code t}. */
    static Optional<URI> url(YamlMap t, String field, String text) {
        String key = t.pathOf(field);
        Problems problems = t.problems();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(t.get(field).orElseThrow(), key, "invalid URL \"" + text + "\": "
                    + e.getReason() + " at index " + e.getIndex() + hint(text));
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(t.get(field).orElseThrow(), key, "invalid URL \"" + text
                    + "\": it must be absolute and start with http:// or https://");
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add(t.get(field).orElseThrow(), key, "invalid URL \"" + text
                    + "\": it has no valid host name" + hint(text));
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static String hint(String text) {
        return text.chars().allMatch(c -> c < 128) ? ""
                : " (write international host names in punycode, xn--...)";
    }

    private static Optional<ProbeSpec> tcp(YamlMap t) {
        return required(t, "address").flatMap(text -> {
            try {
                HostNames.HostPort hp = HostNames.parseAddress(text, true);
                return Optional.of(new TcpSpec(hp.host(), hp.port()));
            } catch (IllegalArgumentException e) {
                t.problems().add(t.get("address").orElseThrow(), t.pathOf("address"),
                        "invalid address \"" + text + "\": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static Optional<ProbeSpec> dns(YamlMap t) {
        Optional<String> host = required(t, "host").flatMap(text -> {
            Optional<String> h = HostNames.normalise(text, true);
            if (h.isEmpty()) {
                t.problems().add(t.get("host").orElseThrow(), t.pathOf("host"),
                        "invalid host name \"" + text + "\"");
            }
            return h;
        });
        Optional<String> type = t.has("query-type") ? t.text("query-type").flatMap(q -> oneOf(t,
                "query-type", q, QUERY_TYPES, "unknown query type")) : Optional.of("A");
        Optional<String> server = Optional.empty();
        boolean serverOk = true;
        if (t.has("server")) {
            server = t.text("server").flatMap(text -> server(t, text));
            serverOk = server.isPresent();
        }
        if (host.isEmpty() || type.isEmpty() || !serverOk) {
            return Optional.empty();
        }
        return Optional.of(new DnsSpec(host.get(), type.get(), server.orElse(null)));
    }

    /**
     * The server as {@code host} or {@code host:port}, normalised; an IPv6 address is always in
     * brackets ({@code [2001:db8::1]}, {@code [2001:db8::1]:53}) so that the port is unambiguous.
     */
    private static Optional<String> server(YamlMap t, String text) {
        try {
            HostNames.HostPort hp = HostNames.parseAddress(text, false);
            String host = hp.host().contains(":") ? "[" + hp.host() + "]" : hp.host();
            return Optional.of(hp.port() == null ? host : host + ":" + hp.port());
        } catch (IllegalArgumentException e) {
            t.problems().add(t.get("server").orElseThrow(), t.pathOf("server"),
                    "invalid server \"" + text + "\": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> required(YamlMap t, String key) {
        if (!t.has(key)) {
            t.missing(key);
            return Optional.empty();
        }
        return t.text(key);
    }

    private static Optional<String> oneOf(YamlMap t, String key, String value, List<String> allowed,
                                          String what) {
        if (allowed.contains(value)) {
            return Optional.of(value);
        }
        t.problems().add(t.get(key).orElseThrow(), t.pathOf(key), what + " \"" + value
                + "\"; expected one of: " + String.join(", ", allowed));
        return Optional.empty();
    }
}
