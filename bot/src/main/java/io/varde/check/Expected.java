package io.varde.check;

import java.util.List;
import java.util.Locale;

/** The right side of a condition: an operand to compare with, a pat() glob or an any() list. */
sealed interface Expected permits Expected.Exact, Expected.Pattern, Expected.AnyOf {

    /**
     * Whether {@code left op} this holds, {@code left} being present. {@code right} is the
     * resolved right operand for {@link Exact}, present too, and null otherwise.
     */
    boolean holds(Operator op, Value left, Value right);

    /** A literal or another operand: {@code == 200}, {@code < 2s}, {@code == [BODY].id}. */
    record Exact(Operand operand) implements Expected {

        @Override
        public boolean holds(Operator op, Value left, Value right) {
            return op.test(left, right);
        }
    }

    /**
     * {@code == pat(glob)} or {@code != pat(glob)}, matched on the left value's text as a whole:
     * {@code *} matches any run of characters (also none), {@code ?} exactly one, anything else
     * itself. Matching backtracks only to the last {@code *}, so its cost stays within value
     * length times pattern length: a large body cannot make it explode the way a regular
     * expression with many {@code .*} could.
     *
     * @param pattern    the glob as written inside {@code pat(...)}
     * @param ignoreCase true to match regardless of case (DNS rcodes)
     */
    record Pattern(String pattern, boolean ignoreCase) implements Expected {

        @Override
        public boolean holds(Operator op, Value left, Value right) {
            return matches(left.text()) == (op == Operator.EQ);
        }

        /** Whether {@code value} as a whole matches the pattern. */
        boolean matches(String value) {
            String p = ignoreCase ? pattern.toUpperCase(Locale.ROOT) : pattern;
            String v = ignoreCase ? value.toUpperCase(Locale.ROOT) : value;
            int pi = 0;
            int vi = 0;
            int star = -1;
            int resume = 0;
            while (vi < v.length()) {
                if (pi < p.length() && p.charAt(pi) == '*') {
                    star = pi++;
                    resume = vi;
                } else if (pi < p.length()
                        && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                    pi++;
                    vi++;
                } else if (star >= 0) {
                    pi = star + 1;
                    vi = ++resume;
                } else {
                    return false;
                }
            }
            while (pi < p.length() && p.charAt(pi) == '*') {
                pi++;
            }
            return pi == p.length();
        }
    }

    /** {@code == any(a, b, ...)} or {@code != any(...)}: equality with one of the values. */
    record AnyOf(List<Value> values) implements Expected {

        public AnyOf {
            values = List.copyOf(values);
        }

        @Override
        public boolean holds(Operator op, Value left, Value right) {
            return values.stream().anyMatch(left::sameAs) == (op == Operator.EQ);
        }
    }
}
