/**
 * Delivery of the outbox: {@link io.varde.notify.DeliveryWorker} reads pending messages through
 * the {@link io.varde.notify.OutboxStore} port and hands each to the {@link
 * io.varde.notify.Notifier} of its channel's platform, each incident's messages in order and, in a
 * channel, urgent incidents first ({@link io.varde.notify.ChannelHeads}), with per-channel
 * {@link io.varde.notify.RateLimits}, {@link io.varde.notify.Backoff} for transient failures
 * (honouring Retry-After), permanent failures recorded without holding the others back, and the
 * platform's message id kept so later revisions edit the same message. What the messages say is
 * decided upstream (incident cards); notifiers, in sub-packages (console, webhook, Slack;
 * Discord later), only render and send, and classify their failures as a {@link
 * io.varde.notify.DeliveryException}.
 */
package io.varde.notify;
