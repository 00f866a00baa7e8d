package io.varde.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands environment references in a scalar value, so that secrets and per-deployment values
 * stay out of the rules file. Pure.
 * <ul>
 *   <li>{@code ${NAME}} is the value of {@code NAME}; unset is an error, set but empty is empty.</li>
 *   <li>{@code ${NAME:-default}} is {@code default} when {@code NAME} is unset or empty (as in a
 *       POSIX shell); the default is literal text up to the first <code>}</code>.</li>
 *   <li><code>$${</code> is a literal <code>${</code>; any other {@code $} is literal.</li>
 * </ul>
 * Expanded text is not expanded again, so a value from the environment cannot inject references.
 */
final class EnvExpander {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String HOW = "write ${NAME} or ${NAME:-default}, or $${ for a literal ${";

    /**
     * The outcome of expanding one value.
     *
     * @param text   the expanded text (meaningless when there are errors)
     * @param errors one message per bad or unset reference, in order
     */
    record Result(String text, List<String> errors) {
        Result {
            errors = List.copyOf(errors);
        }
    }

    private EnvExpander() {
    }

    /** True when {@code text} contains anything this class would change. */
    static boolean hasReferences(String text) {
        return text.contains("${");
    }

    static Result expand(String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> errors = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    errors.add("unclosed \"${\" in \"" + text + "\": " + HOW);
                    break;
                }
                String reference = text.substring(i + 2, close);
                out.append(resolve(reference, env, errors));
                i = close + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return new Result(out.toString(), errors);
    }

    private static String resolve(String reference, Map<String, String> env, List<String> errors) {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        String fallback = sep < 0 ? null : reference.substring(sep + 2);
        if (!NAME.matcher(name).matches()) {
            errors.add("invalid variable reference \"${" + reference + "}\": " + HOW);
            return "";
        }
        String value = env.get(name);
        if (fallback != null && (value == null || value.isEmpty())) {
            return fallback;
        }
        if (value == null) {
            errors.add("environment variable " + name + " is not set");
            return "";
        }
        return value;
    }
}
