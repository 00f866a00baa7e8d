package io.varde.check;

/**
 * A condition that cannot be parsed, or uses a placeholder its check kind does not produce.
 * The message is the bare reason, such as {@code unknown placeholder [STAUS]; known: ...}; the
 * config loader prefixes the file, line and key.
 */
public class ConditionSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConditionSyntaxException(String message) {
        super(message);
    }
}
