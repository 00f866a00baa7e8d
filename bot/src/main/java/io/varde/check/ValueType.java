package io.varde.check;

/**
 * What kind of value an operand yields, which decides at parse time which right-hand sides and
 * operators make sense, and how a literal on the right is read.
 */
enum ValueType {
    /** A whole number: {@code [STATUS]}, {@code len(...)}. */
    NUMBER("a number"),
    /** Milliseconds: {@code [RESPONSE_TIME]}; compared with a number of ms or a duration. */
    MILLIS("a number of milliseconds"),
    /** A duration: {@code [CERTIFICATE_EXPIRATION]}; compared with a duration or ms. */
    DURATION("a duration"),
    /** {@code true} or {@code false}: {@code [CONNECTED]}, {@code has(...)}. */
    BOOL("true or false"),
    /** A DNS response code name, compared case-insensitively. */
    RCODE("a DNS rcode name"),
    /** Free text: {@code [BODY]}, {@code [IP]}, JSON values, literals. */
    TEXT("text");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** How an error message names this type, e.g. "a number". */
    String description() {
        return description;
    }

    /** True when only {@code ==} and {@code !=} make sense for values of this type. */
    boolean equalityOnly() {
        return this == BOOL || this == RCODE;
    }
}
