/**
 * Platform-neutral notifications and the port that delivers them. {@link
 * io.varde.notify.AlertComposer} turns detection events into {@link io.varde.notify.Notification}s;
 * {@link io.varde.notify.Alerts} hands each to every configured {@link io.varde.notify.Notifier},
 * so that one failing notifier never stops the others. Adapters (console now; Slack and Discord
 * later) live in sub-packages and only render and send.
 */
package io.varde.notify;
