package io.varde.check;

/**
 * A parsed Gatus-style condition such as {@code [STATUS] == 200}. PLACEHOLDER: the condition
 * helper replaces this file with the real parser and evaluator.
 */
public final class Condition {

    private final String text;

    private Condition(String text) {
        this.text = text;
    }

    public static Condition parse(String text, CheckKind kind) throws ConditionSyntaxException {
        throw new ConditionSyntaxException("condition parsing is being written");
    }

    public String text() {
        return text;
    }

    public boolean usesBody() {
        return false;
    }

    public boolean usesIp() {
        return false;
    }

    public boolean usesConnected() {
        return false;
    }

    public boolean isResponseTimeLimit() {
        return false;
    }

    public ConditionResult evaluate(Observation observation) {
        return new ConditionResult(text, false, "n/a");
    }
}
