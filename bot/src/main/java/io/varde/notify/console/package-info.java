/**
 * The default notifier and plain-text rendering. {@link io.varde.notify.console.ConsoleNotifier}
 * prints each outbox delivery as a short block on standard output (logs go to standard error, so
 * alerts can be piped or grepped on their own); {@link io.varde.notify.console.CardText} turns any
 * {@link io.varde.core.Card} into text, for the console and for {@code varde ctl} replies.
 */
package io.varde.notify.console;
