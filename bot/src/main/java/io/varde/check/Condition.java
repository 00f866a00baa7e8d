package io.varde.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A condition in the syntax Gatus users know: {@code <left> <op> <right>}, such as
 * {@code [STATUS] == 200}, {@code [RESPONSE_TIME] < 2s}, {@code [BODY].status == UP},
 * {@code len([BODY].items) > 0}, {@code [IP] == pat(10.0.*)} or
 * {@code [DNS_RCODE] == any(NOERROR, NXDOMAIN)}.
 *
 * <p>Parsing checks everything that can be checked without an observation: the placeholders
 * exist and the check kind produces them, JSON paths are well formed, and the right side can be
 * compared with the left (a number for {@code [STATUS]}, a duration for
 * {@code [CERTIFICATE_EXPIRATION]}, a known rcode for {@code [DNS_RCODE]}, ...).
 *
 * <p>Evaluation never throws. A value the observation lacks (a probe error, no body, a body that
 * is not JSON, a missing path) makes the condition fail with observed value {@code n/a}, except
 * that {@code has([BODY].x) == false} holds for a missing path and {@code [CONNECTED] == false}
 * holds when the probe did not connect. Ordering operators hold only between numbers.
 *
 * <p>Immutable; equal when the texts are equal.
 */
public final class Condition {

    private final String text;
    private final Operand left;
    private final Operator op;
    private final Expected right;
    private final Set<Placeholder> reads;

    Condition(String text, Operand left, Operator op, Expected right) {
        this.text = text;
        this.left = left;
        this.op = op;
        this.right = right;
        Set<Placeholder> all = EnumSet.copyOf(left.placeholders());
        if (right instanceof Expected.Exact exact) {
            all.addAll(exact.operand().placeholders());
        }
        this.reads = all;
    }

    /**
     * Parses {@code text} for a check of {@code kind}.
     *
     * @throws ConditionSyntaxException whose message is the bare reason, such as
     *         {@code unknown placeholder [STAUS]; known: [STATUS], ...}; the caller adds where
     *         the condition was written
     */
    public static Condition parse(String text, CheckKind kind) throws ConditionSyntaxException {
        return ConditionParser.parse(text, kind);
    }

    /**
     * Evaluates {@code conditions} against one observation, parsing a JSON body only once for
     * all of them. Results are in the order of {@code conditions}.
     */
    public static List<ConditionResult> evaluateAll(List<Condition> conditions,
                                                    Observation observation) {
        EvalContext ctx = new EvalContext(observation);
        List<ConditionResult> results = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            results.add(c.evaluate(ctx));
        }
        return results;
    }

    /** The condition as written, trimmed. */
    public String text() {
        return text;
    }

    /** True when it reads {@code [BODY]} in any form, so the prober must keep the body. */
    public boolean usesBody() {
        return reads.contains(Placeholder.BODY);
    }

    /** True when it reads {@code [IP]}. */
    public boolean usesIp() {
        return reads.contains(Placeholder.IP);
    }

    /** True when it reads {@code [CONNECTED]}. */
    public boolean usesConnected() {
        return reads.contains(Placeholder.CONNECTED);
    }

    /**
     * True when {@code [RESPONSE_TIME]} is its only placeholder: missing it means the site is
     * slow, not down.
     */
    public boolean isResponseTimeLimit() {
        return reads.equals(EnumSet.of(Placeholder.RESPONSE_TIME));
    }

    /** Applies this condition to {@code observation}. */
    public ConditionResult evaluate(Observation observation) {
        return evaluate(new EvalContext(observation));
    }

    /**
     * The observed value is the left side's ({@code 503}, {@code 1234ms}, {@code 29d23h}), or
     * {@code <left> vs <right>} when the right side is read from the observation too.
     */
    private ConditionResult evaluate(EvalContext ctx) {
        Value l = left.resolve(ctx);
        Value r = right instanceof Expected.Exact exact ? exact.operand().resolve(ctx) : null;
        String observed = l.brief();
        if (r != null && !(((Expected.Exact) right).operand() instanceof Operand.Literal)) {
            observed = observed + " vs " + r.brief();
        }
        boolean passed = l.present() && (r == null || r.present()) && right.holds(op, l, r);
        return new ConditionResult(text, passed, observed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text;
    }
}
