package io.varde.core;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable, sorted set of label key/value pairs such as {@code sector=government}.
 * Keys follow Prometheus rules ({@code [a-zA-Z_][a-zA-Z0-9_]*}); values are free text.
 */
public record Labels(SortedMap<String, String> map) {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Labels EMPTY = new Labels(new TreeMap<>());

    public Labels {
        map = Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    public static Labels empty() {
        return EMPTY;
    }

    public static Labels of(Map<String, String> pairs) {
        return new Labels(new TreeMap<>(pairs));
    }

    /** True when {@code key} is a valid label name. */
    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** The value of {@code key}, or null when absent. */
    public String get(String key) {
        return map.get(key);
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(v);
        });
        return sb.append('}').toString();
    }
}
