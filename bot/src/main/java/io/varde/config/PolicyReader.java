package io.varde.config;

import io.varde.incident.EscalationPolicy;
import io.varde.incident.TeamConfig.Webhook;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code webhooks:} and {@code policies:} of {@code team.yaml}. Both are mappings from a
 * name to a definition; the result holds the definitions that are valid, in file order.
 */
final class PolicyReader {

    private static final List<String> WEBHOOK_KEYS = List.of("url", "headers");
    private static final List<String> LEVEL_KEYS = List.of("after", "channels", "mention");

    private PolicyReader() {
    }

    /** The webhooks defined in {@code webhooks}. */
    static Map<String, Webhook> webhooks(YamlMap webhooks) {
        Map<String, Webhook> result = new LinkedHashMap<>();
        for (String name : webhooks.keys()) {
            boolean nameOk = validName(webhooks, name, "webhook", "duty");
            Optional<YamlMap> definition = webhooks.map(name);
            if (definition.isEmpty()) {
                continue;
            }
            YamlMap w = definition.get();
            w.rejectUnknown(WEBHOOK_KEYS);
            Optional<URI> url = Optional.empty();
            if (!w.has("url")) {
                w.missing("url");
            } else {
                url = w.text("url").flatMap(text -> ProbeSpecReader.url(w, text));
            }
            Optional<Map<String, String>> headers = w.has("headers")
                    ? w.map("headers").flatMap(HttpHeaders::read) : Optional.of(Map.of());
            if (nameOk && url.isPresent() && headers.isPresent()) {
                result.put(name, new Webhook(name, url.get(), headers.get()));
            }
        }
        return result;
    }

    /**
     * The escalation policies defined in {@code policies}.
     *
     * @param webhooks the webhook names defined, for {@code webhook:<name>} channels
     */
    static Map<String, EscalationPolicy> policies(YamlMap policies, Collection<String> webhooks) {
        Map<String, EscalationPolicy> result = new LinkedHashMap<>();
        for (String name : policies.keys()) {
            boolean nameOk = validName(policies, name, "policy", "standard");
            String path = policies.pathOf(name);
            Optional<List<Node>> items = policies.list(name);
            if (items.isEmpty()) {
                continue;
            }
            if (items.get().isEmpty()) {
                policies.problems().add(policies.get(name).orElseThrow(), path,
                        "a policy needs at least one level, e.g. - { after: 0s, channels: [console] }");
                continue;
            }
            List<EscalationPolicy.Level> levels = new ArrayList<>();
            for (int i = 0; i < items.get().size(); i++) {
                level(items.get().get(i), path + "[" + i + "]", policies.values(), webhooks)
                        .ifPresent(levels::add);
            }
            if (nameOk && levels.size() == items.get().size()) {
                result.put(name, new EscalationPolicy(name, levels));
            }
        }
        return result;
    }

    private static Optional<EscalationPolicy.Level> level(Node node, String path, Values values,
                                                          Collection<String> webhooks) {
        Optional<MappingNode> mapping = values.mapping(node, path);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap l = new YamlMap(mapping.get(), path, values);
        l.rejectUnknown(LEVEL_KEYS);
        Optional<Duration> after = Optional.empty();
        if (!l.has("after")) {
            l.missing("after");
        } else {
            after = l.duration("after", d -> !d.isNegative(), "must not be negative");
        }
        Optional<List<String>> channels = l.has("channels")
                ? TeamLists.channels(l, "channels", webhooks) : Optional.of(List.of());
        Optional<List<String>> mentions = l.has("mention")
                ? TeamLists.identities(l, "mention") : Optional.of(List.of());
        boolean misspelt = !LEVEL_KEYS.containsAll(l.keys());
        if (channels.isPresent() && mentions.isPresent() && channels.get().isEmpty()
                && mentions.get().isEmpty() && !misspelt) {
            l.problems().add(l.line(), path,
                    "this level does nothing: give it `channels`, `mention` or both");
            return Optional.empty();
        }
        if (channels.isEmpty() || mentions.isEmpty() || after.isEmpty() || misspelt) {
            return Optional.empty();
        }
        return Optional.of(new EscalationPolicy.Level(after.get(), channels.get(), mentions.get()));
    }

    /** Reports a bad name on its key; true when the name is valid. */
    private static boolean validName(YamlMap map, String name, String what, String example) {
        String problem = TeamLists.nameProblem(name, what, example);
        if (problem != null) {
            map.problems().add(map.keyNode(name), map.pathOf(name), problem);
        }
        return problem == null;
    }
}
