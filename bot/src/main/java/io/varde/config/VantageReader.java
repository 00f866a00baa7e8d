package io.varde.config;

import io.varde.check.Location;
import io.varde.core.IpLiterals;
import io.varde.core.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code vantage.yaml}: {@code home} (the nodes' own location: {@code name}, default
 * {@code home}, {@code country}, {@code labels}, {@code source-address}) and {@code locations}
 * (the probe agents': the same keys, and {@code token} or {@code tokens}, one or two while
 * rotating, usually {@code "${VARDE_PROBE_TOKEN_FRA}"}). The result is only meaningful when no
 * problem was reported.
 */
final class VantageReader {

    private static final List<String> ROOT_KEYS = List.of("home", "locations");
    private static final List<String> HOME_KEYS = List.of("name", "country", "labels", "source-address");
    private static final List<String> AGENT_KEYS =
            List.of("name", "country", "labels", "source-address", "token", "tokens");
    private static final Pattern COUNTRY = Pattern.compile("[a-z]{2}");
    /** A token shorter than this is guessable. */
    static final int TOKEN_MIN = 16;
    private static final int TOKENS_MAX = 2;

    private VantageReader() {
    }

    /** Reads the top-level mapping of {@code vantage.yaml}. */
    static VantageConfig read(YamlMap top) {
        top.rejectUnknown(ROOT_KEYS);
        Map<String, Integer> names = new LinkedHashMap<>();
        Map<String, String> tokenOwners = new LinkedHashMap<>();
        Location home = top.map("home").flatMap(h -> location(h, false, names, tokenOwners, null))
                .orElse(Location.home());
        names.putIfAbsent(home.name(), top.line());
        List<Location> locations = new ArrayList<>(List.of(home));
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        List<Node> items = top.list("locations").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String key = top.pathOf("locations") + "[" + i + "]";
            List<String> own = new ArrayList<>();
            top.values().mapping(items.get(i), key)
                    .flatMap(m -> location(new YamlMap(m, key, top.values()), true, names, tokenOwners, own))
                    .ifPresent(l -> {
                        locations.add(l);
                        tokens.put(l.name(), List.copyOf(own));
                    });
        }
        return new VantageConfig(locations, tokens);
    }

    private static Optional<Location> location(YamlMap m, boolean agent, Map<String, Integer> names,
                                               Map<String, String> tokenOwners, List<String> tokensOut) {
        m.rejectUnknown(agent ? AGENT_KEYS : HOME_KEYS, key -> !agent && (key.equals("token") || key.equals("tokens"))
                ? "the nodes' own location has no token; tokens are for the agents under `locations`" : null);
        Optional<String> name = agent && !m.has("name") ? missing(m, "name")
                : m.has("name") ? m.text("name").filter(n -> validName(m, n, names)) : Optional.of(Location.HOME);
        Optional<String> country = m.has("country") ? m.text("country").flatMap(c -> country(m, c))
                : Optional.of("");
        Optional<Labels> labels = TargetReader.labels(m);
        Optional<String> source = m.has("source-address")
                ? m.text("source-address").flatMap(a -> sourceAddress(m, "source-address", a)) : Optional.of("");
        String said = name.orElseGet(() -> m.has("name") && m.get("name").orElseThrow()
                instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s ? s.getValue() : "?");
        boolean tokensOk = !agent || tokens(m, said, tokenOwners, tokensOut);
        if (name.isEmpty() || country.isEmpty() || labels.isEmpty() || source.isEmpty() || !tokensOk) {
            return Optional.empty();
        }
        return Optional.of(new Location(name.get(), blankToNull(country.get()), labels.get(),
                blankToNull(source.get()), agent));
    }

    private static Optional<String> missing(YamlMap m, String key) {
        m.missing(key);
        return Optional.empty();
    }

    private static boolean validName(YamlMap m, String name, Map<String, Integer> names) {
        Node node = m.get("name").orElseThrow();
        String problem = TeamLists.nameProblem(name, "location", "fra");
        if (problem == null && names.containsKey(name)) {
            problem = "location name \"" + name + "\" is already used on line " + names.get(name)
                    + "; names must be unique (the nodes' own location is \"" + Location.HOME + "\" unless named)";
        }
        if (problem != null) {
            m.problems().add(node, m.pathOf("name"), problem);
            return false;
        }
        names.put(name, Problems.lineOf(node));
        return true;
    }

    /** An ISO 3166-1 alpha-2 code, lower case. */
    static Optional<String> country(YamlMap m, String text) {
        String c = text.strip().toLowerCase(Locale.ROOT);
        if (!COUNTRY.matcher(c).matches()) {
            m.problems().add(m.get("country").orElseThrow(), m.pathOf("country"), "invalid country \"" + text
                    + "\": use the two-letter ISO 3166-1 code, e.g. dk, de, nl");
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** An IP literal (a local address to probe from), or empty (reported). */
    static Optional<String> sourceAddress(YamlMap m, String key, String text) {
        String a = text.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!IpLiterals.isIp(a)) {
            m.problems().add(m.get(key).orElseThrow(), m.pathOf(key), "invalid source address \"" + text
                    + "\": give an IP address of this host, e.g. 192.0.2.10 or 2001:db8::10 (not a host name)");
            return Optional.empty();
        }
        return Optional.of(IpLiterals.isIpv4(a) ? a : IpLiterals.ipv6(a).orElseThrow());
    }

    private static boolean tokens(YamlMap m, String location, Map<String, String> owners, List<String> out) {
        if (m.has("token") && m.has("tokens")) {
            m.problems().add(m.keyNode("tokens"), m.pathOf("tokens"),
                    "give `token` or `tokens` (two while rotating), not both");
            return false;
        }
        List<Node> nodes;
        String key;
        if (m.has("token")) {
            key = "token";
            nodes = List.of(m.get("token").orElseThrow());
        } else if (m.has("tokens")) {
            key = "tokens";
            Optional<List<Node>> items = m.list("tokens");
            if (items.isEmpty()) {
                return false;
            }
            nodes = items.get();
            if (nodes.isEmpty() || nodes.size() > TOKENS_MAX) {
                m.problems().add(m.get("tokens").orElseThrow(), m.pathOf("tokens"),
                        "list one or two tokens (two while rotating), not " + nodes.size());
                return false;
            }
        } else {
            m.problems().add(m.line(), m.pathOf("token"), "required key is missing: each agent has its own token,"
                    + " e.g. token: \"${VARDE_PROBE_TOKEN_" + location.toUpperCase(Locale.ROOT).replace('-', '_') + "}\"");
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            String path = key.equals("token") ? m.pathOf("token") : m.pathOf("tokens") + "[" + i + "]";
            Optional<String> token = m.values().text(nodes.get(i), path);
            if (token.isEmpty()) {
                ok = false;
                continue;
            }
            String t = token.get();
            // never echo a token (or a part of it) in an error
            if (t.length() < TOKEN_MIN || t.isBlank()) {
                m.problems().add(nodes.get(i), path, "token is " + t.length() + " characters long; use at least "
                        + TOKEN_MIN + " random ones (e.g. openssl rand -hex 24)");
                ok = false;
            } else if (owners.containsKey(t)) {
                m.problems().add(nodes.get(i), path, "the same token as location \"" + owners.get(t)
                        + "\": each agent needs its own, since the token says which location reports");
                ok = false;
            } else {
                owners.put(t, location);
                out.add(t);
            }
        }
        return ok;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
