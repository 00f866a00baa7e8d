package io.varde.notify;

/**
 * Splits a channel such as {@code slack:C0123} into the notifier that serves it ({@code slack})
 * and the destination within that platform ({@code C0123}). A channel without a colon, such as
 * {@code console}, is its own prefix with an empty destination.
 */
final class Channels {

    private Channels() {
    }

    static String prefix(String channel) {
        int colon = channel.indexOf(':');
        return colon < 0 ? channel : channel.substring(0, colon);
    }

    static String destination(String channel) {
        int colon = channel.indexOf(':');
        return colon < 0 ? "" : channel.substring(colon + 1);
    }
}
