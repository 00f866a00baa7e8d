package io.varde.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON body as Gatus writes it: {@code [BODY].data.items[0].name},
 * {@code [BODY][0].id}, {@code [BODY].matrix[1][2]}. Names are case-sensitive and may hold any
 * character but {@code . [ ]}; indexes count from 0.
 *
 * @param text     the path as written, {@code [BODY]} included
 * @param segments the names and indexes to follow from the root, never empty
 */
record JsonPath(String text, List<Segment> segments) {

    /** One step of a path. */
    sealed interface Segment permits Name, Index {
    }

    /** A member of an object. */
    record Name(String name) implements Segment {
    }

    /** An element of an array. */
    record Index(int index) implements Segment {
    }

    /** Where a path led in a body: the node found, or why there is none. */
    record Lookup(JsonNode node, Value missing) {
    }

    JsonPath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses {@code rest}, the part after {@code [BODY]} of {@code text}.
     *
     * @throws ConditionSyntaxException naming the path and the first problem in it
     */
    static JsonPath parse(String text, String rest) throws ConditionSyntaxException {
        List<Segment> segments = new ArrayList<>();
        String prefix = text.substring(0, text.length() - rest.length());
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            String before = prefix + rest.substring(0, i);
            if (c == '.') {
                int end = i + 1;
                while (end < rest.length() && ".[]".indexOf(rest.charAt(end)) < 0) {
                    end++;
                }
                if (end == i + 1) {
                    throw bad(text, "empty name after " + before);
                }
                segments.add(new Name(rest.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int close = rest.indexOf(']', i);
                if (close < 0) {
                    throw bad(text, "missing ] after " + before);
                }
                String index = rest.substring(i + 1, close);
                if (!index.matches("\\d{1,9}")) {
                    throw bad(text, "[" + index + "] is not an array index (0, 1, 2, ...)");
                }
                segments.add(new Index(Integer.parseInt(index)));
                i = close + 1;
            } else {
                throw bad(text, "expected . or [ after " + before);
            }
        }
        if (segments.isEmpty()) {
            throw bad(text, "nothing after [BODY]");
        }
        return new JsonPath(text, segments);
    }

    private static ConditionSyntaxException bad(String text, String reason) {
        return new ConditionSyntaxException("bad JSON path " + text + ": " + reason);
    }

    /** Follows this path through the body of {@code ctx}. */
    Lookup lookup(EvalContext ctx) {
        if (ctx.body() == null) {
            return new Lookup(null, Value.missing(Value.NOT_AVAILABLE));
        }
        JsonNode node = ctx.json();
        if (node == null) {
            return new Lookup(null, Value.missing(EvalContext.NOT_JSON));
        }
        for (Segment s : segments) {
            node = s instanceof Name n ? node.get(n.name()) : node.get(((Index) s).index());
            if (node == null) {
                return new Lookup(null, Value.missing(Value.NOT_AVAILABLE + " (no such path)"));
            }
        }
        return new Lookup(node, null);
    }

    /**
     * The value this path leads to: strings as they are, numbers and booleans as written,
     * {@code null} as the text null, objects and arrays as compact JSON.
     */
    Value read(EvalContext ctx) {
        Lookup found = lookup(ctx);
        if (found.node() == null) {
            return found.missing();
        }
        JsonNode node = found.node();
        if (node.isValueNode()) {
            return Value.ofText(node.asText());
        }
        return Value.ofText(node.toString());
    }
}
