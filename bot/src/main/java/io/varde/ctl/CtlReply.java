package io.varde.ctl;

/**
 * The answer to one ctl request.
 *
 * @param ok   false for a refused or malformed command
 * @param text what to print
 */
public record CtlReply(boolean ok, String text) {
}
