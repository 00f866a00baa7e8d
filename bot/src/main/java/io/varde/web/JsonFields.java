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

    /**
     * The string field, or null when not given or refused: not a string, longer than
     * {@code maxLength} characters, or not valid Unicode (the refusal is recorded).
     */
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
        String wrong = textProblem(s, maxLength);
        if (wrong != null) {
            problem(field, wrong);
            return null;
        }
        return s;
    }

    /**
     * The array-of-strings field, or empty when not given or not one (then recorded); entries
     * refused as {@link #string} refuses them are recorded under their index and left out. Of an
     * array with more than {@code maxEntries}, refused for that, only the first
     * {@code maxEntries} are read.
     */
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
        for (int i = 0; i < Math.min(value.size(), maxEntries); i++) {
            JsonNode item = value.get(i);
            String wrong = item.isTextual() ? textProblem(item.textValue(), MAX_ITEM) : "must be a string, not " + kind(item);
            if (wrong != null) {
                problems.add(name(field) + "[" + i + "]: " + wrong);
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /**
     * Why {@code s} cannot be taken as a text of at most {@code maxLength} characters (code
     * points), or null when it can. Text must be valid Unicode: JSON lets a body carry a lone
     * surrogate ({@code "\uD800"}, or its bytes), which no database column holds faithfully.
     */
    static String textProblem(String s, int maxLength) {
        int length = s.codePointCount(0, s.length());
        if (length > maxLength) {
            return length + " characters, at most " + maxLength;
        }
        for (int i = 0, n = 1; i < s.length(); i++, n++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "not valid Unicode: a lone surrogate " + codePoint(c) + " at character " + n;
            }
        }
        return null;
    }

    /** {@code U+200B}. */
    static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    /** The JSON type of {@code node} in words: {@code string}, {@code number}, {@code array} ... */
    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code s} as a JSON string, cut to 80 characters (never inside a surrogate pair), for
     * messages.
     */
    static String quote(String s) {
        if (s.length() <= 80) {
            return TextNode.valueOf(s).toString();
        }
        int cut = Character.isHighSurrogate(s.charAt(79)) && Character.isLowSurrogate(s.charAt(80)) ? 79 : 80;
        return TextNode.valueOf(s.substring(0, cut) + "...").toString();
    }
}
