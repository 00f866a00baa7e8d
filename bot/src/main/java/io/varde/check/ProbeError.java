package io.varde.check;

/**
 * Why a probe could not complete its exchange. The reason is a small closed set (for metrics
 * and for alert text); the message is for humans.
 */
public record ProbeError(Reason reason, String message) {

    /** Classified failure reasons. */
    public enum Reason {
        /** The host name could not be resolved. */
        DNS,
        /** The TCP connection was refused or reset, or the network is unreachable. */
        CONNECT,
        /** No complete answer within the target's timeout. */
        TIMEOUT,
        /** The TLS handshake or certificate validation failed. */
        TLS,
        /** The peer answered with something that is not valid for the protocol. */
        PROTOCOL,
        /** Anything else. */
        OTHER
    }

    @Override
    public String toString() {
        return reason.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
