package io.varde.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of one JSON object's fields for a request body, each mistake added to
 * {@code problems} under the field's full name ({@code claims[2].hosts[0]}) instead of thrown, so
 * that a caller hears of every mistake at once. JSON {@code null} reads as "not given".
 *
 * @param node     the object
 * @param where    its place in the body, e.g. {@code claims[2]}; empty for the body itself
 * @param problems where mistakes are added
 */
record JsonFields(JsonNode node, String where, List<String> problems) {

    /** The longest entry of an array of strings. */
    static final int MAX_ITEM = 2_000;

    /** The full name of {@code field}, e.g. {@code claims[2].hosts}. */
    String name(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    /** Records a mistake in {@code field}. */
    void problem(String field, String message) {
        problems.add(name(field) + ": " + message);
    }

    /** True when {@code field} is there and not null. */
    boolean given(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    /** The string field, or null when not given or not a string (then recorded). */
    String string(String field, int maxLength) {
        if (!given(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            problem(field, "must be a string, not " + kind(value));
            return null;
        }
        String s = value.textValue();
        int length = s.codePointCount(0, s.length());
        if (length > maxLength) {
            problem(field, length + " characters, at most " + maxLength);
        }
        return s;
    }

    /** The array-of-strings field, or empty when not given or not one (then recorded). */
    List<String> strings(String field, int maxEntries) {
        if (!given(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            problem(field, "must be an array of strings, not " + kind(value));
            return List.of();
        }
        if (value.size() > maxEntries) {
            problem(field, value.size() + " entries, at most " + maxEntries);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                problems.add(name(field) + "[" + i + "]: must be a string, not " + kind(item));
            } else if (item.textValue().length() > MAX_ITEM) {
                problems.add(name(field) + "[" + i + "]: longer than " + MAX_ITEM + " characters");
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** The JSON type of {@code node} in words: {@code string}, {@code number}, {@code array} ... */
    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code s} as a JSON string, cut to 80 characters, for messages. */
    static String quote(String s) {
        return TextNode.valueOf(s.length() > 80 ? s.substring(0, 80) + "..." : s).toString();
    }
}
