package io.varde.config;

import io.varde.core.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the lists and names {@code team.yaml} shares between its sections, and that
 * {@code correlation.yaml} reuses: channel lists, identity lists, label-name lists, and the names
 * of policies, webhooks, routes and rules. Every item is checked and every bad one reported; a
 * list comes back only when all its items are good.
 */
final class TeamLists {

    /**
     * One valid list item.
     *
     * @param text the item, expanded
     * @param node where it was written
     * @param key  its path, e.g. {@code roles.leads[1]}
     */
    record Item(String text, Node node, String key) {
    }

    /** Names of policies, webhooks and routes: the same rule as target ids. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private TeamLists() {
    }

    /**
     * The channels listed at {@code key} (each once, in order); see
     * {@link ChatAddresses#channelProblem}.
     */
    static Optional<List<String>> channels(YamlMap map, String key, Collection<String> webhooks) {
        return texts(items(map, key, text -> ChatAddresses.channelProblem(text, webhooks)));
    }

    /** The identities listed at {@code key} (each once, in order). */
    static Optional<List<String>> identities(YamlMap map, String key) {
        return texts(identityItems(map, key));
    }

    /** The identities listed at {@code key} (each once, in order), with where they were written. */
    static Optional<List<Item>> identityItems(YamlMap map, String key) {
        return items(map, key, ChatAddresses::identityProblem);
    }

    /** The label names listed at {@code key}; a name listed twice is an error. */
    static Optional<List<String>> labelNames(YamlMap map, String key) {
        Set<String> seen = new LinkedHashSet<>();
        return texts(items(map, key, name -> {
            if (!Labels.isValidKey(name)) {
                return "invalid label name \"" + name
                        + "\": use letters, digits and _, not starting with a digit";
            }
            return seen.add(name) ? null : "label \"" + name + "\" is listed twice";
        }));
    }

    /**
     * The text items at {@code key} (each once, in order), each checked by {@code problem}, which
     * gives the problem of one item or null; empty when any item is bad (each one reported).
     */
    static Optional<List<String>> checkedTexts(YamlMap map, String key,
                                               Function<String, String> problem) {
        return texts(items(map, key, problem));
    }

    /**
     * The problem with {@code name} as the name of a {@code what} (policy, webhook, route), or
     * null when it is valid; {@code example} is a good name for the message.
     */
    static String nameProblem(String name, String what, String example) {
        return NAME.matcher(name).matches() ? null : "invalid " + what + " name \"" + name
                + "\": use lower-case letters, digits and hyphens between them, e.g. " + example;
    }

    /**
     * The text items at {@code key}, without repeats; {@code problem} gives the problem of one
     * item or null. Empty when the key is absent, or when the list or any item is unusable.
     */
    private static Optional<List<Item>> items(YamlMap map, String key,
                                              Function<String, String> problem) {
        Optional<List<Node>> nodes = map.list(key);
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Item> result = new LinkedHashMap<>();
        boolean ok = true;
        List<Node> list = nodes.get();
        for (int i = 0; i < list.size(); i++) {
            String itemKey = map.pathOf(key) + "[" + i + "]";
            Node node = list.get(i);
            Optional<String> text = map.values().text(node, itemKey);
            String why = text.map(problem).orElse(null);
            if (why != null) {
                map.problems().add(node, itemKey, why);
            }
            ok &= text.isPresent() && why == null;
            text.ifPresent(t -> result.putIfAbsent(t, new Item(t, node, itemKey)));
        }
        return ok ? Optional.of(new ArrayList<>(result.values())) : Optional.empty();
    }

    private static Optional<List<String>> texts(Optional<List<Item>> items) {
        return items.map(list -> list.stream().map(Item::text).toList());
    }
}
