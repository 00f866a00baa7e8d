/**
 * The default notifier: one readable line per notification on standard output (logs go to
 * standard error, so alerts can be piped or grepped on their own).
 */
package io.varde.notify.console;
