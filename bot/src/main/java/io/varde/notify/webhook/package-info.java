/**
 * Outgoing JSON webhooks, an edge adapter of the notify port. {@link
 * io.varde.notify.webhook.WebhookNotifier} POSTs each outbox message to a webhook of the team file
 * and classifies the answer as delivered, transient (429, 5xx, timeouts, connection errors) or
 * permanent (other statuses, unknown webhook) for the delivery worker.
 */
package io.varde.notify.webhook;
