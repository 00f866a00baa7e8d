package io.varde.command;

/**
 * Why some command words do not parse; a short reason for the user. Thrown only inside the
 * parser, which turns it into a {@link ParseResult.Invalid}; it never escapes
 * {@link CommandParser#parse}. Carries no stack trace: it is an answer, not a fault.
 */
final class ArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ArgumentException(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
