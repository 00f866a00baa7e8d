package io.varde.vantage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.CheckKind;
import io.varde.check.Condition;
import io.varde.check.ConditionSyntaxException;
import io.varde.check.DetectionSettings;
import io.varde.check.DnsSpec;
import io.varde.check.HttpSpec;
import io.varde.check.Mitigation;
import io.varde.check.ProbeSpec;
import io.varde.check.TcpSpec;
import io.varde.check.Target;
import io.varde.check.Vantage;
import io.varde.core.Labels;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A {@link Target} as JSON, with what an agent needs to run exactly the server's check: id and
 * name, kind and every component of its probe spec, interval, timeout, conditions as their
 * source text (parsed again on the agent with {@link Condition#parse}), the mitigation
 * signatures, and the source address its probes leave from ({@code vantage.sourceAddress},
 * already resolved for the location). Detection settings, labels, aliases, the canary flag and
 * the rest of the vantage stay on the server: a decoded target has the defaults.
 *
 * <pre>{"id": "borger-dk", "name": "borger.dk", "kind": "http",
 *  "probe": {"url": "https://www.borger.dk/", "method": "GET", "headers": {}, "follow_redirects": true, "verify_tls": true},
 *  "interval_ms": 30000, "timeout_ms": 10000, "conditions": ["[STATUS] == 200"],
 *  "mitigation": {"enabled": true, "statuses": [403, 429, 503], "bodies": [], "headers": []},
 *  "source_address": "192.0.2.7"}</pre>
 *
 * <p>The encoding is deterministic (header names sorted, statuses in order), so equal targets
 * give equal bytes, which the assignment's version relies on.
 */
public final class TargetWire {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
    private static final Pattern QUERY_TYPE = Pattern.compile("[A-Z0-9]{1,10}");
    /** An IPv4 or IPv6 literal's characters (with an optional {@code %scope}); no name is resolved. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9]{1,15})?");
    private static final long MAX_MILLIS = Duration.ofDays(1).toMillis();

    private TargetWire() {
    }

    /** {@code target} as a JSON object. */
    public static ObjectNode encode(Target target) {
        ObjectNode n = WireReader.MAPPER.createObjectNode();
        n.put("id", target.id());
        n.put("name", target.name());
        n.put("kind", target.kind().configName());
        n.set("probe", probe(target.probe()));
        n.put("interval_ms", target.interval().toMillis());
        n.put("timeout_ms", target.timeout().toMillis());
        ArrayNode conditions = n.putArray("conditions");
        target.conditions().forEach(c -> conditions.add(c.text()));
        Mitigation m = target.mitigation();
        ObjectNode mitigation = n.putObject("mitigation");
        mitigation.put("enabled", m.enabled());
        ArrayNode statuses = mitigation.putArray("statuses");
        m.statuses().stream().sorted().forEach(statuses::add);
        ArrayNode bodies = mitigation.putArray("bodies");
        m.bodies().forEach(bodies::add);
        ArrayNode headers = mitigation.putArray("headers");
        m.headers().forEach(headers::add);
        if (target.vantage().sourceAddress() != null) {
            n.put("source_address", target.vantage().sourceAddress());
        }
        return n;
    }

    /** {@code targets} as a JSON array, in order. */
    public static ArrayNode encodeAll(List<Target> targets) {
        ArrayNode array = WireReader.MAPPER.createArrayNode();
        targets.forEach(t -> array.add(encode(t)));
        return array;
    }

    private static ObjectNode probe(ProbeSpec spec) {
        ObjectNode p = WireReader.MAPPER.createObjectNode();
        if (spec instanceof HttpSpec h) {
            p.put("url", h.url().toString());
            p.put("method", h.method());
            ObjectNode headers = p.putObject("headers");
            new TreeMap<>(h.headers()).forEach(headers::put);
            if (h.body() != null) {
                p.put("body", h.body());
            }
            p.put("follow_redirects", h.followRedirects());
            p.put("verify_tls", h.verifyTls());
        } else if (spec instanceof TcpSpec t) {
            p.put("host", t.host());
            p.put("port", t.port());
        } else if (spec instanceof DnsSpec d) {
            p.put("host", d.host());
            p.put("query_type", d.queryType());
            if (d.server() != null) {
                p.put("server", d.server());
            }
        }
        return p;
    }

    /**
     * The target {@code node} describes, its conditions parsed for its kind.
     *
     * @param path where the node is, for messages ({@code targets[3]})
     * @throws WireFormatException naming the field and what is wrong with it
     */
    public static Target decode(JsonNode node, String path) throws WireFormatException {
        WireReader.object(node, path);
        String id = WireReader.name(node, "id", path);
        String name = WireReader.optText(node, "name", path).orElse(id);
        String kindText = WireReader.text(node, "kind", path);
        CheckKind kind = kind(kindText, WireReader.at(path, "kind"));
        ProbeSpec spec = spec(kind, WireReader.object(node, "probe", path), WireReader.at(path, "probe"));
        Duration interval = Duration.ofMillis(WireReader.integer(node, "interval_ms", path, 1, MAX_MILLIS));
        Duration timeout = Duration.ofMillis(WireReader.integer(node, "timeout_ms", path, 1, MAX_MILLIS));
        List<Condition> conditions = new ArrayList<>();
        JsonNode texts = WireReader.array(node, "conditions", path);
        for (int i = 0; i < texts.size(); i++) {
            String where = WireReader.at(path, "conditions") + "[" + i + "]";
            String text = WireReader.text(texts.get(i), where);
            try {
                conditions.add(Condition.parse(text, kind));
            } catch (ConditionSyntaxException e) {
                throw new WireFormatException(where + ": " + e.getMessage());
            }
        }
        Mitigation mitigation = mitigation(WireReader.object(node, "mitigation", path), WireReader.at(path, "mitigation"));
        String source = WireReader.optText(node, "source_address", path).orElse(null);
        if (source != null && !IP_LITERAL.matcher(source).matches()) {
            throw new WireFormatException(WireReader.at(path, "source_address") + ": \""
                    + WireReader.brief(source) + "\" is not an IP address");
        }
        return new Target(id, name, spec, interval, timeout, DetectionSettings.DEFAULTS, Labels.empty(),
                List.of(), conditions, false, new Vantage(List.of(), 0, null, source), mitigation);
    }

    private static CheckKind kind(String text, String path) throws WireFormatException {
        for (CheckKind k : CheckKind.values()) {
            if (k.configName().equals(text)) {
                return k;
            }
        }
        throw new WireFormatException(path + ": \"" + WireReader.brief(text) + "\" is not one of http, tcp, dns");
    }

    private static ProbeSpec spec(CheckKind kind, JsonNode p, String path) throws WireFormatException {
        return switch (kind) {
            case HTTP -> http(p, path);
            case TCP -> new TcpSpec(host(p, path), (int) WireReader.integer(p, "port", path, 1, 65535));
            case DNS -> {
                String host = host(p, path);
                String type = WireReader.text(p, "query_type", path);
                if (!QUERY_TYPE.matcher(type).matches()) {
                    throw new WireFormatException(WireReader.at(path, "query_type") + ": \""
                            + WireReader.brief(type) + "\" is not a DNS query type");
                }
                yield new DnsSpec(host, type, WireReader.optText(p, "server", path).orElse(null));
            }
        };
    }

    private static String host(JsonNode p, String path) throws WireFormatException {
        String host = WireReader.text(p, "host", path);
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
            throw new WireFormatException(WireReader.at(path, "host") + ": \"" + WireReader.brief(host)
                    + "\" is not a host name");
        }
        return host;
    }

    private static HttpSpec http(JsonNode p, String path) throws WireFormatException {
        String text = WireReader.text(p, "url", path);
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new WireFormatException(WireReader.at(path, "url") + ": not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new WireFormatException(WireReader.at(path, "url") + ": \"" + WireReader.brief(text)
                    + "\" is not an http(s) URL with a host");
        }
        String method = WireReader.text(p, "method", path);
        if (!METHOD.matcher(method).matches()) {
            throw new WireFormatException(WireReader.at(path, "method") + ": \"" + WireReader.brief(method)
                    + "\" is not an HTTP method");
        }
        JsonNode headerNode = WireReader.object(p, "headers", path);
        Map<String, String> headers = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headerNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            headers.put(e.getKey(), WireReader.text(e.getValue(), WireReader.at(path, "headers") + "." + e.getKey()));
        }
        String body = WireReader.optText(p, "body", path).orElse(null);
        return new HttpSpec(url, method, headers, body, WireReader.bool(p, "follow_redirects", path),
                WireReader.bool(p, "verify_tls", path));
    }

    private static Mitigation mitigation(JsonNode m, String path) throws WireFormatException {
        boolean enabled = WireReader.bool(m, "enabled", path);
        Set<Integer> statuses = new LinkedHashSet<>();
        JsonNode s = WireReader.array(m, "statuses", path);
        for (int i = 0; i < s.size(); i++) {
            statuses.add((int) WireReader.integer(s.get(i), WireReader.at(path, "statuses") + "[" + i + "]", 100, 599));
        }
        return new Mitigation(enabled, statuses, texts(m, "bodies", path), texts(m, "headers", path));
    }

    private static List<String> texts(JsonNode parent, String field, String path) throws WireFormatException {
        JsonNode array = WireReader.array(parent, field, path);
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(WireReader.text(array.get(i), WireReader.at(path, field) + "[" + i + "]"));
        }
        return out;
    }
}
