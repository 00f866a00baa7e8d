package io.varde.check;

/** A condition that cannot be parsed, or uses a placeholder its check kind does not produce. */
public class ConditionSyntaxException extends Exception {

    public ConditionSyntaxException(String message) {
        super(message);
    }
}
