/**
 * Slack as an alert destination: {@link io.varde.notify.slack.SlackNotifier} posts each incident
 * once with {@code chat.postMessage} and Block Kit ({@link io.varde.notify.slack.SlackBlocks}),
 * then edits that message with {@code chat.update} on every change and adds the change as a thread
 * reply. Slack's answers are classified here for the delivery worker (429 and 5xx transient, with
 * Retry-After; a revoked token or an unknown channel parked and reported once through
 * {@link io.varde.notify.slack.Refusals}); rate limits, ordering and retries are the worker's.
 */
package io.varde.notify.slack;
